import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Assistant

/// The configuration test against the real fixtures: token store, virtual card reader, a live server.
struct ConfigurationTestTests {
    @Test(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pcsc), "needs pcscd and the SoftHSM token"))
    func storesAndReadersAreFoundWithTheirContent() async throws {
        let token = try TestEnvironment.token.fixture("SoftHSM token")
        let (reader, _) = try TestEnvironment.pcsc.fixture("pcscd + virtual card")
        let report = await ConfigurationTest.run(browser: "Chromium 120", platform: nil)
        let byName = Dictionary(uniqueKeysWithValues: report.checks.map { ($0.name, $0) })
        #expect(byName["Accès au magasin de certificats"]?.result.contains("« \(token.label) »") == true)
        #expect(byName["Lecteurs de cartes (PC/SC)"]?.result.contains(reader) == true)
        #expect(byName["Version du navigateur Web"]?.result == "Chromium 120")
        #expect(report.ok)
    }

    @Test func communicationIsCheckedAgainstThePlatformHealth() async throws {
        let router = Router()
        router.get("health") { _, _ in "ok" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let reachable = await ConfigurationTest.communication(with: URL(string: "http://127.0.0.1:\(port)")!)
            #expect(reachable.ok && reachable.result == "Communication établie")
        }
        let unknown = await ConfigurationTest.communication(with: URL(string: "https://nowhere.invalid")!)
        #expect(!unknown.ok && unknown.result.contains("DNS"))
        let closed = await ConfigurationTest.communication(
            with: URL(string: "http://127.0.0.1:\(try freeLoopbackPort())")!)
        #expect(!closed.ok && closed.remedy != nil)
    }
}
