import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// What every page shares: templates that cannot print a value raw, the security headers, the French
/// error page and its JSON twin, the sign-in redirect of a page that needs a session.
extension DatabaseTests {
    struct PageFrameTests {
        @Test func everyTemplateLoadsAndNoneCanPrintAValueRaw() throws {
            let renderer = PageRenderer.standard
            #expect(renderer.library.getTemplate(named: "layout") != nil)
            #expect(renderer.library.getTemplate(named: "web/error") != nil)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try "<p>{{{name}}}</p>".write(
                to: folder.appendingPathComponent("raw.mustache"), atomically: true, encoding: .utf8)
            #expect(throws: PageRenderer.TemplateError.self) { try PageRenderer(folders: [folder]) }
        }

        @Test func aValueIsEscapedInTextAndAttributes() {
            let page = Page(
                "web/error", title: "Titre", audience: .visitor,
                content: ErrorPageModel(
                    status: .badRequest, message: "\"><img src=x onerror=alert(1)>", audience: .visitor))
            let html = PageRenderer.standard.render(page)
            #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!html.contains("<img src=x"))
            #expect(html.contains("<html lang=\"fr\">"))
            #expect(html.contains("class=\"skip-link\" href=\"#contenu\""))
            #expect(html.components(separatedBy: "<h1").count == 2)
        }

        @Test(arguments: StorageBackend.available)
        func pagesAndErrorsCarryTheSecurityHeaders(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                for uri in ["/", "/connexion", "/page-inconnue", "/api/inconnue", "/static/sceau.css"] {
                    let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                    let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                    #expect(policy.contains("frame-ancestors 'none'"))
                    #expect(policy.contains("script-src 'self'"))
                    #expect(!policy.contains("unsafe-inline"))
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func anUnknownPageIsAFrenchPageAndAnUnknownRouteOfTheAPIIsJSON(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                let page = try await client.executeRequest(uri: "/page-inconnue", method: .get, headers: [:], body: nil)
                #expect(page.status == .notFound)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(String(buffer: page.body).contains("Page introuvable"))
                let api = try await client.executeRequest(uri: "/api/inconnue", method: .get, headers: [:], body: nil)
                #expect(api.status == .notFound)
                #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
                let script = try await client.executeRequest(
                    uri: "/page-inconnue", method: .get, headers: [.accept: "application/json"], body: nil)
                #expect(script.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aPageThatNeedsASessionSendsTheBrowserToItsSignIn(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                let agent = try await client.executeRequest(uri: "/espace-agent", method: .get, headers: [:], body: nil)
                #expect(agent.status == .found)
                #expect(agent.headers[.location] == "/connexion")
                let api = try await client.executeRequest(uri: "/api/session", method: .get, headers: [:], body: nil)
                #expect(api.status == .unauthorized)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theStylesheetAndTheScriptsAreServed(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                let css = try await client.executeRequest(
                    uri: "/static/sceau.css", method: .get, headers: [:], body: nil)
                #expect(css.status == .ok)
                #expect(css.headers[.contentType] == "text/css; charset=utf-8")
                #expect(String(buffer: css.body).contains(".skip-link"))
                let js = try await client.executeRequest(uri: "/static/sceau.js", method: .get, headers: [:], body: nil)
                #expect(js.status == .ok)
                #expect(js.headers[.contentType] == "text/javascript; charset=utf-8")
            }
        }
    }
}
