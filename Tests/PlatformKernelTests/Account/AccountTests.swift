import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel

/// « Mon compte » and « Mot de passe oublié » for agents (seed 001): the password changes only with the current
/// one and closes the other sessions; a forgotten password is replaced through a one-time link mailed to the
/// agent, the page answering the same whether the account exists or not.
extension DatabaseTests {
    struct AccountTests {
        private static let newPassword = "un tout nouveau secret"

        private func form(_ client: AgentClient?, _ raw: any TestClientProtocol, _ path: String, _ fields: String)
            async throws -> TestResponse
        {
            var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            if let client {
                headers[.cookie] = client.cookie
                headers[SessionMiddleware.csrfHeader] = client.csrfToken
            }
            return try await raw.executeRequest(
                uri: path, method: .post, headers: headers, body: ByteBuffer(string: fields))
        }

        private static func encoded(_ value: String) -> String {
            value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value
        }

        @Test(arguments: StorageBackend.available)
        func thePasswordChangesWithTheCurrentOneAndClosesTheOtherSessions(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let here = try await AgentClient.signIn(client, login: "admin-a")
                let elsewhere = try await AgentClient.signIn(client, login: "admin-a")
                let page = try await here.send(.get, "/espace-agent/mon-compte")
                #expect(page.status == .ok)
                #expect(String(buffer: page.body).contains("Changer mon mot de passe"))

                let wrong = try await form(
                    here, client, "/espace-agent/mon-compte/mot-de-passe",
                    "current=faux-secret&new=\(Self.encoded(Self.newPassword))&confirmation=\(Self.encoded(Self.newPassword))"
                )
                #expect(wrong.status == .badRequest)
                #expect(String(buffer: wrong.body).contains("mot-de-passe-actuel-erreur"))
                let mismatch = try await form(
                    here, client, "/espace-agent/mon-compte/mot-de-passe",
                    "current=\(Self.encoded(PlatformHarness.password))&new=\(Self.encoded(Self.newPassword))&confirmation=autre"
                )
                #expect(mismatch.status == .badRequest)
                #expect(String(buffer: mismatch.body).contains("confirmation-erreur"))
                #expect(try await elsewhere.send(.get, "/api/session").status == .ok)

                let changed = try await form(
                    here, client, "/espace-agent/mon-compte/mot-de-passe",
                    "current=\(Self.encoded(PlatformHarness.password))&new=\(Self.encoded(Self.newPassword))&confirmation=\(Self.encoded(Self.newPassword))"
                )
                #expect(changed.status == .seeOther)
                #expect(try await here.send(.get, "/api/session").status == .ok)
                #expect(try await elsewhere.send(.get, "/api/session").status == .unauthorized)
                _ = try await AgentClient.signIn(client, login: "admin-a", password: Self.newPassword)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theCoordinatesAreTheAgentsOwnAndCheckedBesideTheField(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let agent = try await AgentClient.signIn(client, login: "admin-a")
                let refused = try await form(
                    agent, client, "/espace-agent/mon-compte/coordonnees",
                    "civility=Mme&lastName=Durand&firstName=L%C3%A9a&email=pas-une-adresse")
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains("email-erreur"))
                let saved = try await form(
                    agent, client, "/espace-agent/mon-compte/coordonnees",
                    "civility=Mme&lastName=Durand&firstName=L%C3%A9a&email=lea.durand%40example.invalid")
                #expect(saved.status == .seeOther)
                let session = try await agent.decode(APIModels.SessionInfo.self, .get, "/api/session")
                #expect(session.agent.lastName == "Durand")
                #expect(session.agent.email == "lea.durand@example.invalid")
                #expect(session.agent.login == "admin-a")
            }
        }

        @Test(arguments: StorageBackend.available)
        func aForgottenPasswordIsReplacedOnceThroughTheMailedLink(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            let configure: @Sendable (inout PlatformConfiguration) -> Void = { $0.noticeMailer = mailer }
            try await PlatformHarness.run(backend, configure: configure) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let session = try await AgentClient.signIn(client, login: "admin-a")
                let unknown = try await form(nil, client, "/connexion/mot-de-passe-oublie", "loginOrEmail=personne")
                let known = try await form(nil, client, "/connexion/mot-de-passe-oublie", "loginOrEmail=admin-a")
                #expect(unknown.status == .ok && known.status == .ok)
                #expect(String(buffer: unknown.body) == String(buffer: known.body))
                #expect(String(buffer: known.body).contains("Demande enregistrée"))
                let mail = try #require(mailer.messages.only)
                #expect(mail.to == "admin-a@example.invalid")
                // A second request within the minute sends no second mail.
                _ = try await form(
                    nil, client, "/connexion/mot-de-passe-oublie", "loginOrEmail=admin-a%40example.invalid")
                #expect(mailer.messages.count == 1)

                let link = try #require(mail.body.split(separator: "\n").first { $0.contains("jeton=") })
                let token = String(try #require(link.split(separator: "=").last))
                let shown = try await client.executeRequest(
                    uri: "/connexion/nouveau-mot-de-passe?jeton=\(token)", method: .get, headers: [:], body: nil)
                #expect(String(buffer: shown.body).contains("Enregistrer le nouveau mot de passe"))
                let short = try await form(
                    nil, client, "/connexion/nouveau-mot-de-passe", "token=\(token)&new=court&confirmation=court")
                #expect(short.status == .badRequest)
                #expect(String(buffer: short.body).contains("nouveau-mot-de-passe-erreur"))
                let fields =
                    "token=\(token)&new=\(Self.encoded(Self.newPassword))&confirmation=\(Self.encoded(Self.newPassword))"
                let done = try await form(nil, client, "/connexion/nouveau-mot-de-passe", fields)
                #expect(done.status == .ok)
                #expect(String(buffer: done.body).contains("Votre mot de passe a été changé"))
                #expect(try await session.send(.get, "/api/session").status == .unauthorized)
                _ = try await AgentClient.signIn(client, login: "admin-a", password: Self.newPassword)

                let again = try await form(nil, client, "/connexion/nouveau-mot-de-passe", fields)
                #expect(again.status == .badRequest)
                #expect(
                    String(buffer: again.body).contains("Ce lien n&#39;est plus valable")
                        || String(buffer: again.body).contains("plus valable"))
            }
        }
    }
}

extension Array {
    fileprivate var only: Element? { count == 1 ? first : nil }
}
