import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel

/// An entity keeps an agent of its own holding « Créer des administrateurs »: its last holder can neither
/// withdraw the right from themselves nor be deleted (409), until another agent of the entity holds it.
extension DatabaseTests {
    struct LastAdministratorTests {
        private typealias Models = APIModels

        private func agents(_ client: AgentClient, of organisation: Int64) async throws -> [Models.AgentView] {
            try await client.decode([Models.AgentView].self, .get, "/api/organisations/\(organisation)/agents")
        }

        @Test(arguments: StorageBackend.available)
        func theLastAdministratorKeepsTheRightUntilAnotherHoldsIt(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let me = try #require(try await agents(admin, of: city).first { $0.login == "admin-a" })
                let withoutAdministrators = Models.Rights(
                    administration: Set(AdministrationRight.allCases).subtracting([.createAdministrators]),
                    management: [])

                let refused = try await admin.send(.put, "/api/agents/\(me.id)/rights", json: withoutAdministrators)
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("Créer des administrateurs"))
                let kept = try #require(try await agents(admin, of: city).first { $0.id == me.id })
                #expect(kept.administrationRights.contains(AdministrationRight.createAdministrators.rawValue))

                let other = try await admin.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(city)/agents",
                    json: Models.NewAgent(
                        civility: .madame, lastName: "Martin", firstName: "Léa", email: "lea@example.invalid",
                        login: "lea", password: PlatformHarness.password),
                    status: .created)
                #expect(
                    try await admin.send(
                        .put, "/api/agents/\(other.id)/rights",
                        json: Models.Rights(administration: [.createAdministrators], management: [])
                    ).status == .noContent)
                #expect(
                    try await admin.send(.put, "/api/agents/\(me.id)/rights", json: withoutAdministrators).status
                        == .noContent)

                // Léa is now the last holder: the former administrator cannot delete her, nor can she drop it.
                #expect(try await admin.send(.delete, "/api/agents/\(other.id)").status == .conflict)
                let lea = try await AgentClient.signIn(client, login: "lea")
                #expect(
                    try await lea.send(
                        .put, "/api/agents/\(other.id)/rights",
                        json: Models.Rights(administration: [], management: [])
                    ).status == .conflict)
            }
        }
    }
}
