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
            #expect(
                page.body.contains("État de l'assistant : <strong class=\"badge badge--success\">En ligne</strong>"))
            #expect(page.body.contains("<td>https://marches.example.fr</td>"))
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
            // The refusal is also said beside the field, which keeps what was typed.
            #expect(refused.body.contains(#"<p class="field__error" id="origine-erreur">"#))
            #expect(refused.body.contains(#"aria-invalid="true" value="http://insecure.example">"#))
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
            #expect(bad.body.contains(#"<p class="field__error" id="cle-publique-erreur">"#))
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
            #expect(relative.body.contains(#"<div class="field field--error">"#))
            #expect(relative.body.contains(#"<p class="field__error" id="dossier-erreur">"#))
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
            // Its only style is the stylesheet it serves itself: no inline style, no script.
            #expect(headers.contains("default-src 'none'; style-src 'self';"))
            #expect(!headers.contains("unsafe-inline"))
            let page = try await curl(port, "/").body
            #expect(!page.contains("<style") && !page.contains("style=\"") && !page.contains("<script"))
        }
    }

    @Test func thePageHasThePlatformsLookAndEscapesWhatItShows() async throws {
        try await withDaemon(paired: []) { port in
            let page = try await curl(port, "/").body
            #expect(page.contains(#"<html lang="fr">"#))
            #expect(page.contains(#"<link rel="stylesheet" href="/static/sceau.css">"#))
            #expect(page.contains(##"<a class="skip-link" href="#contenu">"##))
            #expect(page.contains(#"<main id="contenu" class="container""#))
            #expect(page.contains("Sceau — assistant de signature et de chiffrement"))
            #expect(page.components(separatedBy: "<h1").count == 2)
            #expect(page.contains(#"<p class="empty-state__title">Aucune plateforme n'est appairée.</p>"#))
            #expect(page.contains(#"<label class="field__label" for="origine">"#))

            let stylesheet = try await curl(port, "/static/sceau.css")
            #expect(stylesheet.status == "200")
            #expect(stylesheet.body.contains(".site-header") && stylesheet.body.contains(".badge--success"))
            let headers = try await run(
                "/usr/bin/curl", ["-s", "-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(port)/static/sceau.css"])
            #expect(headers.lowercased().contains("content-type: text/css"))
            #expect(headers.lowercased().contains("x-content-type-options: nosniff"))
            // The Host check of every route holds for the stylesheet too (DNS rebinding).
            let rebound = try await curl(port, "/static/sceau.css", headers: ["Host: evil.example"])
            #expect(rebound.status == "421")

            let token = try token(in: page)
            let refused = try await curl(
                port, "/pairings", headers: ["Origin: http://127.0.0.1:\(port)"],
                form: ["token=\(token)", "origin=https://x.example/\"><script>alert(1)</script>"])
            #expect(refused.status == "200")
            #expect(refused.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!refused.body.contains("<script>"))
            #expect(refused.body.contains(#"value="https://x.example/&quot;&gt;&lt;script&gt;"#))
        }
    }
}
