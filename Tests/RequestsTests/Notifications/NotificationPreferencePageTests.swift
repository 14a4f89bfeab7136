import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// "Mes notifications par e-mail" through the router: the agent's choice shown, changed with the CSRF
/// token, refused when unknown; the task board links to it.
extension DatabaseTests {
    struct NotificationPreferencePageTests {
        static let page = "/espace-agent/demarches/notifications"

        @Test(arguments: StorageBackend.available)
        func theAgentChoosesTheirMails(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Cergy", login: "cergy")
                let agent = try await AgentClient.signIn(client, login: "cergy")
                let board = try await agent.send(.get, "/espace-agent/demarches")
                #expect(String(buffer: board.body).contains("href=\"\(Self.page)\""))
                let shown = try await agent.send(.get, Self.page)
                #expect(shown.status == .ok)
                let text = String(buffer: shown.body)
                #expect(
                    text.contains(
                        "<input type=\"radio\" id=\"choix-detailed\" name=\"choix\" value=\"detailed\" checked required>"
                    ))
                #expect(text.contains("<label for=\"choix-detailed\"><strong>Détaillée</strong>"))
                #expect(text.contains("Résumé") && text.contains("Aucune"))
                #expect(text.contains("name=\"_csrf\" value=\"\(agent.csrfToken)\""))
                #expect(text.contains("Aucun relais SMTP n'est configuré"))
                let saved = try await agent.send(.post, Self.page, bytes: Array("choix=none".utf8))
                #expect(saved.status == .seeOther || saved.status == .found)
                #expect(saved.headers[.location] == "\(Self.page)?enregistre=1")
                let after = String(buffer: try await agent.send(.get, "\(Self.page)?enregistre=1").body)
                #expect(after.contains("value=\"none\" checked"))
                #expect(after.contains("Votre choix est enregistré."))
                let stored = try await harness.withDatabase { database in
                    try await AgentNotifier(database: database).preference(of: agent.agentID)
                }
                #expect(stored == .off)
                let unknown = try await agent.send(.post, Self.page, bytes: Array("choix=tout".utf8))
                #expect(unknown.status == .badRequest)
                #expect(String(buffer: unknown.body).contains("Choisissez une des options proposées."))
                let forged = try await agent.send(.post, Self.page, bytes: Array("choix=summary".utf8), csrf: false)
                #expect(forged.status == .forbidden)
                let unchanged = try await harness.withDatabase { database in
                    try await AgentNotifier(database: database).preference(of: agent.agentID)
                }
                #expect(unchanged == .off)
                // Signed out: to the sign-in page.
                let anonymous = try await client.executeRequest(uri: Self.page, method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .found)
            }
        }
    }
}
