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

/// « Grant only what you hold » for the roles of the Salle des marchés (issue 15, finding 2): an administrator
/// gives or withdraws only roles whose rights they hold themselves on that service (through roles held there
/// or above), and only to agents of their own administered subtree.
extension DatabaseTests {
    struct RoleGrantTests {
        private typealias Models = APIModels

        private func newAgent(_ login: String) -> Models.NewAgent {
            Models.NewAgent(
                civility: .monsieur, lastName: "Durand", firstName: login, email: "\(login)@example.invalid",
                login: login, password: PlatformHarness.password)
        }

        /// A city with its key, a medium service "Achats", an administrator `sub` of Achats holding only
        /// « Créer des utilisateurs », an agent `chef` of the city above and an agent `user1` of Achats.
        private struct Cast {
            let city: Int64
            let purchasing: Int64
            let admin: AgentClient
            let sub: AgentClient
            let chef: Int64
            let user1: Int64
        }

        private func cast(_ client: any TestClientProtocol) async throws -> Cast {
            let admin = try await AgentClient.signIn(client, login: "admin-a")
            let city = try await admin.decode(Models.OrganisationView.self, .get, "/api/organisations").id
            _ = try await admin.decode(
                Models.KeyView.self, .post, "/api/organisations/\(city)/keys",
                json: Models.NewKey(
                    certificate: try EncryptionCertificate.make(commonName: "Ville A chiffrement"), kind: .personal),
                status: .created)
            let purchasing = try await admin.decode(
                Models.OrganisationView.self, .post, "/api/organisations/\(city)/services",
                json: Models.NewService(name: "Achats", type: .medium), status: .created)
            let sub = try await admin.decode(
                Models.AgentView.self, .post, "/api/organisations/\(purchasing.id)/agents", json: newAgent("sub"),
                status: .created)
            #expect(
                try await admin.send(
                    .put, "/api/agents/\(sub.id)/rights",
                    json: Models.Rights(administration: [.createUsers], management: [])
                ).status == .noContent)
            let chef = try await admin.decode(
                Models.AgentView.self, .post, "/api/organisations/\(city)/agents", json: newAgent("chef"),
                status: .created)
            let user1 = try await admin.decode(
                Models.AgentView.self, .post, "/api/organisations/\(purchasing.id)/agents", json: newAgent("user1"),
                status: .created)
            return Cast(
                city: city, purchasing: purchasing.id, admin: admin,
                sub: try await AgentClient.signIn(client, login: "sub"), chef: chef.id, user1: user1.id)
        }

        private func roles(
            of agent: Int64, in service: Int64, organisation: Int64, seenBy client: AgentClient
        ) async throws -> [String] {
            try await client.decode([Models.AgentView].self, .get, "/api/organisations/\(organisation)/agents")
                .first { $0.id == agent }?.roles[String(service)] ?? []
        }

        @Test(arguments: StorageBackend.available)
        func anAdministratorWithoutRolesCannotGiveThePRMRoleToThemselvesNorAbove(backend: StorageBackend)
            async throws
        {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let cast = try await cast(client)
                let selfGrant = try await cast.sub.send(
                    .put, "/api/agents/\(cast.sub.agentID)/roles/\(cast.purchasing)",
                    json: Models.Roles(roles: [.contractingAuthority]))
                #expect(selfGrant.status == .forbidden)
                #expect(
                    String(buffer: selfGrant.body).contains(
                        "Vous ne pouvez attribuer que les rôles que vous détenez vous-même sur ce service ou au-dessus")
                )
                // An agent of the entity above, in a service of the granting agent's own subtree.
                let above = try await cast.sub.send(
                    .put, "/api/agents/\(cast.chef)/roles/\(cast.purchasing)",
                    json: Models.Roles(roles: [.contractingAuthority]))
                #expect(above.status == .forbidden)
                #expect(String(buffer: above.body).contains("périmètre d'administration"))
                // Nothing was granted.
                #expect(
                    try await roles(
                        of: cast.sub.agentID, in: cast.purchasing, organisation: cast.purchasing,
                        seenBy: cast.admin
                    ).isEmpty)
                #expect(
                    try await roles(
                        of: cast.chef, in: cast.purchasing, organisation: cast.city,
                        seenBy: cast.admin
                    ).isEmpty)
            }
        }

        @Test(arguments: StorageBackend.available)
        func rolesAreGivenAndWithdrawnOnlyWithinWhatTheGrantingAgentHolds(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let cast = try await cast(client)
                // The entity's administrator holds every role at the root, so may give any role below it.
                #expect(
                    try await cast.admin.send(
                        .put, "/api/agents/\(cast.sub.agentID)/roles/\(cast.purchasing)",
                        json: Models.Roles(roles: [.buyer])
                    ).status == .noContent)
                #expect(
                    try await cast.admin.send(
                        .put, "/api/agents/\(cast.user1)/roles/\(cast.purchasing)",
                        json: Models.Roles(roles: [.tenderBoardChair])
                    ).status == .noContent)
                let sub = try await AgentClient.signIn(client, login: "sub")
                // Buyer of Achats: may add the buyer role to an agent of Achats, keeping what they have.
                #expect(
                    try await sub.send(
                        .put, "/api/agents/\(cast.user1)/roles/\(cast.purchasing)",
                        json: Models.Roles(roles: [.tenderBoardChair, .buyer])
                    ).status == .noContent)
                // Not PRM (opening is not among a medium service's buyer's rights), not even to themselves.
                let attempts: [(Int64, Set<ProcurementRole>)] = [
                    (cast.user1, [.tenderBoardChair, .buyer, .contractingAuthority]),
                    (sub.agentID, [.buyer, .contractingAuthority]),
                ]
                for (agent, roles) in attempts {
                    let refused = try await sub.send(
                        .put, "/api/agents/\(agent)/roles/\(cast.purchasing)", json: Models.Roles(roles: roles))
                    #expect(refused.status == .forbidden)
                    #expect(String(buffer: refused.body).contains("PRM"))
                }
                // Withdrawing a role needs it too: the PCAO opens bids, which the buyer may not.
                let withdrawal = try await sub.send(
                    .put, "/api/agents/\(cast.user1)/roles/\(cast.purchasing)", json: Models.Roles(roles: [.buyer]))
                #expect(withdrawal.status == .forbidden)
                #expect(String(buffer: withdrawal.body).contains("PCAO"))
                #expect(
                    Set(
                        try await roles(
                            of: cast.user1, in: cast.purchasing, organisation: cast.purchasing,
                            seenBy: cast.admin)) == ["acheteur", "pcao"])
                // The PRM role held at the city covers the services below: the administrator withdraws it.
                #expect(
                    try await cast.admin.send(
                        .put, "/api/agents/\(cast.user1)/roles/\(cast.purchasing)", json: Models.Roles(roles: [])
                    ).status == .noContent)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theEntitysFirstAdministratorHoldsEveryRoleOfItsOrganisation(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", type: .medium, login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                #expect(
                    Set(try await roles(of: admin.agentID, in: city, organisation: city, seenBy: admin))
                        == Set(ProcurementRole.available(in: .medium).map(\.rawValue)))
            }
        }

        @Test(arguments: StorageBackend.available)
        func theRolesPageGreysTheRolesTheAgentCannotGiveAndKeepsThem(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let cast = try await cast(client)
                #expect(
                    try await cast.admin.send(
                        .put, "/api/agents/\(cast.sub.agentID)/roles/\(cast.purchasing)",
                        json: Models.Roles(roles: [.buyer])
                    ).status == .noContent)
                #expect(
                    try await cast.admin.send(
                        .put, "/api/agents/\(cast.user1)/roles/\(cast.purchasing)",
                        json: Models.Roles(roles: [.tenderBoardChair])
                    ).status == .noContent)
                let sub = try await AgentClient.signIn(client, login: "sub")
                let page = "/espace-agent/organisations/\(cast.purchasing)"
                let html = String(
                    buffer: try await client.executeRequest(
                        uri: page, method: .get, headers: [.cookie: sub.cookie], body: nil
                    ).body)
                #expect(html.contains(#"value="acheteur" aria-label="Acheteur : user1""#))
                #expect(html.contains(#"value="pcao" checked disabled aria-label="PCAO : user1""#))
                #expect(html.contains(#"value="prm" disabled aria-label="PRM : sub""#))
                #expect(html.contains("Vous ne pouvez attribuer ou retirer que les rôles que vous détenez"))
                // The form sends no greyed box: user1 gains the buyer role and keeps the PCAO one.
                let sent = try await client.executeRequest(
                    uri: page + "/roles", method: .post,
                    headers: [.cookie: sub.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(
                        string: "_csrf=\(sub.csrfToken)&agent=\(cast.user1)&role-\(cast.user1)=acheteur"
                            + "&agent=\(sub.agentID)&role-\(sub.agentID)=acheteur"))
                #expect(sent.status == .seeOther, "\(String(buffer: sent.body))")
                #expect(
                    Set(
                        try await roles(
                            of: cast.user1, in: cast.purchasing, organisation: cast.purchasing,
                            seenBy: cast.admin)) == ["acheteur", "pcao"])
                // A forged form naming a role the agent cannot give is still refused by the server.
                let forged = try await client.executeRequest(
                    uri: page + "/roles", method: .post,
                    headers: [.cookie: sub.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(
                        string: "_csrf=\(sub.csrfToken)&agent=\(sub.agentID)&role-\(sub.agentID)=acheteur"
                            + "&role-\(sub.agentID)=prm"))
                #expect(forged.status == .forbidden)
                #expect(
                    try await roles(
                        of: sub.agentID, in: cast.purchasing, organisation: cast.purchasing,
                        seenBy: cast.admin) == ["acheteur"])
            }
        }
    }
}
