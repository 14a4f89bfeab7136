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

/// One browser, several audiences: an agent who also bids for their company, or tests the citizens' front office,
/// signs in to the other space without signing out first. The session middleware asks every form of a browser
/// holding a session for one of its CSRF tokens, so the public forms carry it.
extension DatabaseTests {
    struct SignInBesideAnotherSessionTests {
        private static let registration =
            "name=Durand+%26+Fils&siret=44306184100047&civility=M.&lastName=Durand&firstName=Paul"
            + "&email=paul%40durand.invalid&login=pdurand&password=correct+horse+battery"

        private func post(
            _ client: any TestClientProtocol, _ uri: String, _ body: String, cookies: [String]
        ) async throws -> TestResponse {
            try await client.executeRequest(
                uri: uri, method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookies.joined(separator: "; ")],
                body: ByteBuffer(string: body))
        }

        private func page(_ client: any TestClientProtocol, _ uri: String, cookies: [String]) async throws -> String {
            let response = try await client.executeRequest(
                uri: uri, method: .get, headers: [.cookie: cookies.joined(separator: "; ")], body: nil)
            #expect(response.status == .ok, "\(uri)")
            return String(buffer: response.body)
        }

        private static func cookie(of response: TestResponse) throws -> String {
            String(try #require(response.headers[.setCookie]?.split(separator: ";").first))
        }

        @Test(arguments: StorageBackend.available)
        func anAgentRegistersAndSignsInTheirCompanyWithoutSigningOut(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let agent = try await AgentClient.signIn(client, login: "admin-a")
                let field = #"<input type="hidden" name="_csrf" value="\#(agent.csrfToken)">"#

                let registrationPage = try await page(client, "/entreprise/inscription", cookies: [agent.cookie])
                #expect(registrationPage.contains(field))
                let unsigned = try await post(
                    client, "/entreprise/inscription", Self.registration, cookies: [agent.cookie])
                #expect(unsigned.status == .forbidden)
                let registered = try await post(
                    client, "/entreprise/inscription", Self.registration + "&_csrf=\(agent.csrfToken)",
                    cookies: [agent.cookie])
                #expect(registered.status == .found)

                #expect(try await page(client, "/entreprise/connexion", cookies: [agent.cookie]).contains(field))
                let signedIn = try await post(
                    client, "/entreprise/connexion",
                    "login=pdurand&password=correct+horse+battery&_csrf=\(agent.csrfToken)", cookies: [agent.cookie])
                #expect(signedIn.status == .found)
                #expect(signedIn.headers[.location] == "/entreprise")
                let company = try Self.cookie(of: signedIn)
                #expect(
                    try await page(client, "/entreprise", cookies: [agent.cookie, company]).contains(
                        "Durand &amp; Fils"))
                #expect(try await page(client, "/espace-agent", cookies: [agent.cookie, company]).contains("Ville A"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func aBidderSignsInAsAgentAndOpensTheFrontOfficeForms(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let registered = try await post(client, "/entreprise/inscription", Self.registration, cookies: [])
                let company = try Self.cookie(of: registered)
                let companyPage = try await page(client, "/entreprise", cookies: [company])
                let token = try #require(
                    companyPage.range(of: #"name="_csrf" value=""#).map {
                        String(companyPage[$0.upperBound...].prefix { $0 != "\"" })
                    })
                let field = #"<input type="hidden" name="_csrf" value="\#(token)">"#

                for uri in [
                    "/connexion", "/connexion/mot-de-passe-oublie", "/citoyen/connexion", "/citoyen/inscription",
                ] {
                    #expect(try await page(client, uri, cookies: [company]).contains(field), "\(uri)")
                }
                let forgotten = try await post(
                    client, "/connexion/mot-de-passe-oublie", "loginOrEmail=personne&_csrf=\(token)", cookies: [company]
                )
                #expect(forgotten.status == .ok)
                let signedIn = try await post(
                    client, "/connexion", "login=admin-a&password=correct+horse+battery&_csrf=\(token)",
                    cookies: [company])
                #expect(signedIn.status == .found)
                #expect(signedIn.headers[.location] == "/espace-agent")
            }
        }

        @Test(arguments: StorageBackend.available)
        func aBrowserWithoutSessionGetsNoToken(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                for uri in ["/connexion", "/entreprise/connexion", "/citoyen/connexion"] {
                    let response = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                    #expect(!String(buffer: response.body).contains(#"name="_csrf""#), "\(uri)")
                    #expect(response.headers[.cacheControl] == nil, "\(uri)")
                }
            }
        }
    }
}
