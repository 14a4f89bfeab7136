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

/// The French sign-in pages: form, secure cookie, agent space, sign-out form protected by CSRF.
extension DatabaseTests {
    struct SignInPageTests {
        private let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

        @Test(arguments: StorageBackend.available)
        func signInByFormOpensTheAgentSpace(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville <A>", login: "admin-a")
                let page = try await client.executeRequest(uri: "/connexion", method: .get, headers: [:], body: nil)
                #expect(String(buffer: page.body).contains("Se connecter"))
                let wrong = try await client.executeRequest(
                    uri: "/connexion", method: .post, headers: form,
                    body: ByteBuffer(string: "login=admin-a&password=nope-nope"))
                #expect(wrong.status == .unauthorized)
                #expect(String(buffer: wrong.body).contains("Identifiant ou mot de passe incorrect."))

                let signedIn = try await client.executeRequest(
                    uri: "/connexion", method: .post, headers: form,
                    body: ByteBuffer(string: "login=admin-a&password=correct+horse+battery"))
                #expect(signedIn.status == .found)
                #expect(signedIn.headers[.location] == "/espace-agent")
                let setCookie = try #require(signedIn.headers[.setCookie])
                #expect(setCookie.contains("HttpOnly"))
                #expect(setCookie.contains("SameSite=Strict"))
                let cookie = String(try #require(setCookie.split(separator: ";").first))

                let space = try await client.executeRequest(
                    uri: "/espace-agent", method: .get, headers: [.cookie: cookie], body: nil)
                let html = String(buffer: space.body)
                #expect(html.contains("Ville &lt;A&gt;"))
                #expect(html.contains("Gestion des utilisateurs"))
                let csrf = try #require(
                    html.range(of: #"name="_csrf" value=""#).map { html[$0.upperBound...].prefix { $0 != "\"" } })

                let forged = try await client.executeRequest(
                    uri: "/deconnexion", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=forged"))
                #expect(forged.status == .forbidden)
                let signOut = try await client.executeRequest(
                    uri: "/deconnexion", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "_csrf=\(csrf)"))
                #expect(signOut.status == .found)
                let after = try await client.executeRequest(
                    uri: "/espace-agent", method: .get, headers: [.cookie: cookie], body: nil)
                #expect(after.status == .found)
                #expect(after.headers[.location] == "/connexion")
            }
        }

        @Test func cookiesAreSecureUnlessServedOnLoopback() {
            #expect(PlatformConfiguration(host: "127.0.0.1", database: .sqlite(path: "/x")).secureCookies == false)
            #expect(PlatformConfiguration(host: "0.0.0.0", database: .sqlite(path: "/x")).secureCookies)
        }
    }
}
