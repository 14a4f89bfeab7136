import Crypto
import Foundation
import TestSupport
import Testing

@testable import Assistant

/// The local page and its forms: only the page itself may change the pairings.
@Suite(.serialized)
struct LocalPageTests {
    /// curl with the given headers and form; returns the status code and the body.
    private func curl(_ port: Int, _ path: String, headers: [String] = [], form: [String]? = nil) async throws
        -> (status: String, body: String)
    {
        let bodyFile = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-page-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: bodyFile) }
        var arguments = ["-s", "-o", bodyFile, "-w", "%{http_code}", "--max-time", "10"]
        for header in headers { arguments += ["-H", header] }
        for field in form ?? [] { arguments += ["--data-urlencode", field] }
        arguments.append("http://127.0.0.1:\(port)\(path)")
        let finalArguments = arguments
        let status = try await run("/usr/bin/curl", finalArguments)
        let body = (try? String(contentsOfFile: bodyFile, encoding: .utf8)) ?? ""
        return (status, body)
    }

    private func token(in page: String) throws -> String {
        let marker = #"name="token" value=""#
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix { $0 != "\"" })
    }

    @Test func thePageShowsTheStatusAndAddsPairingsFromItselfOnly() async throws {
        try await withDaemon(paired: ["https://marches.example.fr"]) { port in
            let page = try await curl(port, "/")
            #expect(page.status == "200")
            #expect(page.body.contains("État de l'assistant : <strong class=\"ok\">En ligne</strong>"))
            #expect(page.body.contains("https://marches.example.fr"))
            let token = try token(in: page.body)
            let own = "Origin: http://127.0.0.1:\(port)"

            let foreign = try await curl(
                port, "/pairings", headers: ["Origin: https://evil.example"],
                form: ["token=\(token)", "origin=https://evil.example"])
            #expect(foreign.status == "403")
            let noToken = try await curl(port, "/pairings", headers: [own], form: ["origin=https://evil.example"])
            #expect(noToken.status == "403")
            let noOrigin = try await curl(port, "/pairings", form: ["token=\(token)", "origin=https://evil.example"])
            #expect(noOrigin.status == "403")
            #expect(!(try await curl(port, "/").body.contains("evil.example")))

            let added = try await curl(
                port, "/pairings", headers: [own], form: ["token=\(token)", "origin=https://autre.example.fr"])
            #expect(added.status == "200")
            #expect(added.body.contains("Plateforme https://autre.example.fr appairée, sans sa clé"))
            let refused = try await curl(
                port, "/pairings", headers: [own], form: ["token=\(token)", "origin=http://insecure.example"])
            #expect(refused.body.contains("only https platforms can be paired"))
            let removed = try await curl(
                port, "/pairings/remove", headers: [own], form: ["token=\(token)", "origin=https://marches.example.fr"])
            #expect(removed.status == "200")
            #expect(!removed.body.contains("<td>https://marches.example.fr</td>"))
        }
    }

    @Test func thePagePinsAPlatformKeyAndChoosesThePlisFolder() async throws {
        let configuration = try AssistantConfiguration.forTests()
        try await withDaemon(configuration) { port in
            let token = try token(in: try await curl(port, "/").body)
            let own = "Origin: http://127.0.0.1:\(port)"
            let key = P256.Signing.PrivateKey().publicKey.pemRepresentation
            let bad = try await curl(
                port, "/pairings", headers: [own],
                form: ["token=\(token)", "origin=https://cle.example.fr", "publicKey=not a key"])
            #expect(bad.body.contains("pas une clé publique ECDSA P-256"))
            #expect(!bad.body.contains("<td>https://cle.example.fr</td>"))
            let paired = try await curl(
                port, "/pairings", headers: [own],
                form: ["token=\(token)", "origin=https://cle.example.fr", "publicKey=\(key)"])
            #expect(paired.body.contains("appairée avec sa clé de signature"))
            let stored = try PairingStore(file: configuration.pairingsFile)
            #expect(await stored.all().first?.publicKeyPEM?.contains(key) == true)

            let chosen = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-plis-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: chosen) }
            let relative = try await curl(
                port, "/settings/plis-folder", headers: [own], form: ["token=\(token)", "folder=Plis"])
            #expect(relative.body.contains("pas un chemin absolu"))
            let foreign = try await curl(
                port, "/settings/plis-folder", headers: ["Origin: https://evil.example"],
                form: ["token=\(token)", "folder=\(chosen)"])
            #expect(foreign.status == "403")
            let set = try await curl(
                port, "/settings/plis-folder", headers: [own], form: ["token=\(token)", "folder=\(chosen)"])
            #expect(set.body.contains("Les plis téléchargés iront dans \(chosen)."))
            #expect(set.body.contains("<p id=\"dossier-plis\">\(chosen)</p>"))
            #expect(FileManager.default.fileExists(atPath: chosen))
            #expect(PlisFolderSetting.load(from: configuration.plisFolderFile)?.path == chosen)
        }
    }

    @Test func thePageCannotBeFramedNorRunScripts() async throws {
        try await withDaemon(paired: []) { port in
            let headers = try await run(
                "/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(port)/"])
            #expect(headers.contains("frame-ancestors 'none'"))
            #expect(headers.lowercased().contains("x-frame-options: deny"))
        }
    }
}
