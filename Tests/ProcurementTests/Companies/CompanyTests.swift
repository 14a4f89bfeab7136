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

struct SIRETTests {
    @Test(arguments: ["44306184100047", "732 829 320 00074", "35600000049837"])
    func acceptsValidNumbers(text: String) throws {
        #expect(try SIRET(text).value.count == 14)
    }

    @Test(arguments: ["44306184100048", "4430618410004", "443061841000470", "4430618410004A", "35600000000048"])
    func refusesInvalidNumbers(text: String) {
        #expect(throws: DomainError.self) { try SIRET(text) }
    }
}

extension DatabaseTests {
    /// Company registration and bidders' sessions through the API.
    struct CompanyAPITests {
        static func registration(siret: String = "44306184100047", login: String = "bidder-1")
            -> CompanyController.Registration
        {
            CompanyController.Registration(
                name: "Bâtiments Durand SARL", siret: siret, address: "2 rue du Port, 13002 Marseille",
                bidder: APIModels.NewAgent(
                    civility: .monsieur, lastName: "Durand", firstName: "Paul", email: "\(login)@durand.invalid",
                    login: login, password: PlatformHarness.password))
        }

        @Test(arguments: StorageBackend.available)
        func companiesRegisterOncePerSIRETAndSignIn(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                let json: HTTPFields = [.contentType: "application/json"]
                let first = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: json,
                    body: ByteBuffer(data: try JSONEncoder().encode(Self.registration())))
                #expect(first.status == .created)
                let again = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: json,
                    body: ByteBuffer(data: try JSONEncoder().encode(Self.registration(login: "bidder-2"))))
                #expect(again.status == .conflict)
                let badSIRET = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: json,
                    body: ByteBuffer(
                        data: try JSONEncoder().encode(Self.registration(siret: "44306184100048", login: "bidder-3"))))
                #expect(badSIRET.status == .badRequest)

                let signIn = try await client.executeRequest(
                    uri: "/api/entreprise/session", method: .post, headers: json,
                    body: ByteBuffer(string: #"{"login":"bidder-1","password":"\#(PlatformHarness.password)"}"#))
                #expect(signIn.status == .ok)
                let cookie = String(try #require(signIn.headers[.setCookie]?.split(separator: ";").first))
                #expect(cookie.hasPrefix("sceau_entreprise="))
                let session = try await client.executeRequest(
                    uri: "/api/entreprise/session", method: .get, headers: [.cookie: cookie], body: nil)
                let view = try JSONDecoder().decode(
                    CompanyController.CompanyView.self, from: Data(buffer: session.body))
                #expect(view.siret == "44306184100047")
                // A company session opens nothing of the agents' side.
                let agentsSide = try await client.executeRequest(
                    uri: "/api/organisations", method: .get, headers: [.cookie: cookie], body: nil)
                #expect(agentsSide.status == .unauthorized)
            }
        }
    }
}
