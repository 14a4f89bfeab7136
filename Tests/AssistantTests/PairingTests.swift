import Foundation
import Testing

@testable import Assistant

/// Origins as browsers send them, and the store of paired platforms.
struct PairingTests {
    @Test(arguments: [
        ("https://marches.example.fr", "https://marches.example.fr"),
        ("HTTPS://Marches.Example.FR:443/", "https://marches.example.fr"),
        ("https://marches.example.fr:8443", "https://marches.example.fr:8443"),
        ("http://127.0.0.1:8470", "http://127.0.0.1:8470"),
        ("http://localhost", "http://localhost"),
    ])
    func originsAreNormalised(text: String, expected: String) throws {
        #expect(try PlatformOrigin(text).value == expected)
    }

    @Test(arguments: [
        "http://marches.example.fr", "ftp://x.example", "https://", "marches.example.fr", "https://a.example/path",
        "https://user@a.example", "null",
    ])
    func unsafeOrMalformedOriginsAreRefused(text: String) {
        #expect(throws: PairingError.self) { try PlatformOrigin(text) }
    }

    @Test func pairingsPersistAndOnlyPairedOriginsPass() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sceau-pairing-\(UUID())/pairings.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let store = try PairingStore(file: file)
        try await store.pair(try PlatformOrigin("https://marches.example.fr"), publicKeyPEM: nil)
        #expect(await store.isPaired("https://marches.example.fr"))
        #expect(await store.isPaired("https://MARCHES.example.fr:443"))
        #expect(await !store.isPaired("https://marches.example.fr.evil.example"))
        #expect(await !store.isPaired("http://marches.example.fr"))
        let reloaded = try PairingStore(file: file)
        #expect(await reloaded.all().map(\.origin.value) == ["https://marches.example.fr"])
        #expect(try await reloaded.unpair(try PlatformOrigin("https://marches.example.fr")))
        #expect(await !(try PairingStore(file: file)).isPaired("https://marches.example.fr"))
    }

    @Test func aRunningDaemonSeesPairingsMadeByTheCommandLine() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-pairing-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let daemon = try PairingStore(file: file)
        #expect(await !daemon.isPaired("https://marches.example.fr"))
        try await PairingStore(file: file).pair(try PlatformOrigin("https://marches.example.fr"), publicKeyPEM: nil)
        #expect(await daemon.isPaired("https://marches.example.fr"))
    }

    @Test func aDamagedStoreIsReportedNotIgnored() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-pairing-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data("{not json".utf8).write(to: file)
        #expect(throws: PairingError.self) { try PairingStore(file: file) }
    }
}
