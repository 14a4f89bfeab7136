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

/// The administration rules through the HTTP API, on both backends.
extension DatabaseTests {
    struct AdministrationAPITests {
        private typealias Models = APIModels

        private func newAgent(_ login: String, email: String? = nil) -> Models.NewAgent {
            Models.NewAgent(
                civility: .monsieur, lastName: "Durand", firstName: login, email: email ?? "\(login)@example.invalid",
                login: login, password: PlatformHarness.password)
        }

        private func newService(_ name: String, type: OrganisationType = .medium) -> Models.NewService {
            Models.NewService(name: name, type: type)
        }

        @Test(arguments: StorageBackend.available)
        func signInRefusesWrongPasswordsAndRequiresCSRFOnChanges(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let entity = try await harness.entity("Ville A", login: "admin-a")
                let wrong = try await client.executeRequest(
                    uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"login":"admin-a","password":"wrong password"}"#))
                #expect(wrong.status == .unauthorized)
                #expect(wrong.headers[.setCookie] == nil)
                let unknown = try await client.executeRequest(
                    uri: "/api/session", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"login":"nobody","password":"wrong password"}"#))
                #expect(String(buffer: unknown.body) == String(buffer: wrong.body))

                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let noSession = try await client.executeRequest(
                    uri: "/api/organisations", method: .get, headers: [:], body: nil)
                #expect(noSession.status == .unauthorized)
                let withoutToken = try await admin.send(
                    .post, "/api/organisations/\(entity)/services", json: newService("Achats"), csrf: false)
                #expect(withoutToken.status == .forbidden)
                var foreign = HTTPFields()
                foreign[.cookie] = admin.cookie
                foreign[SessionMiddleware.csrfHeader] = admin.csrfToken
                foreign[.origin] = "https://evil.example"
                foreign[.contentType] = "application/json"
                let crossSite = try await client.executeRequest(
                    uri: "/api/organisations/\(entity)/services", method: .post, headers: foreign,
                    body: ByteBuffer(data: try JSONEncoder().encode(newService("Achats"))))
                #expect(crossSite.status == .forbidden)
                let tree = try await admin.decode(Models.OrganisationView.self, .get, "/api/organisations")
                #expect(tree.services.isEmpty)

                try await admin.send(.delete, "/api/session")
                let afterSignOut = try await admin.send(.get, "/api/organisations")
                #expect(afterSignOut.status == .unauthorized)
            }
        }

        @Test(arguments: StorageBackend.available)
        func emailsAreUniqueAcrossThePlatform(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let a = try await harness.entity("Ville A", login: "admin-a")
                let b = try await harness.entity("Ville B", login: "admin-b")
                let adminA = try await AgentClient.signIn(client, login: "admin-a")
                let adminB = try await AgentClient.signIn(client, login: "admin-b")
                _ = try await adminA.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(a)/agents",
                    json: newAgent("jdulac", email: "Jeanine.Dulac@example.invalid"), status: .created)
                let clash = try await adminB.send(
                    .post, "/api/organisations/\(b)/agents",
                    json: newAgent("jdulac2", email: "jeanine.dulac@EXAMPLE.invalid"))
                #expect(clash.status == .conflict)
                let loginClash = try await adminB.send(
                    .post, "/api/organisations/\(b)/agents", json: newAgent("jdulac"))
                #expect(loginClash.status == .conflict)
                let shortPassword = try await adminB.send(
                    .post, "/api/organisations/\(b)/agents",
                    json: Models.NewAgent(
                        civility: .madame, lastName: "X", firstName: "Y", email: "y@example.invalid", login: "yy1",
                        password: "short"))
                #expect(shortPassword.status == .badRequest)
            }
        }

        @Test(arguments: StorageBackend.available)
        func entitiesSeeNothingOfEachOther(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let a = try await harness.entity("Ville A", login: "admin-a")
                _ = try await harness.entity("Ville B", login: "admin-b")
                let adminA = try await AgentClient.signIn(client, login: "admin-a")
                let adminB = try await AgentClient.signIn(client, login: "admin-b")
                let agent = try await adminA.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(a)/agents", json: newAgent("agent-a"),
                    status: .created)
                #expect(try await adminB.send(.get, "/api/organisations/\(a)/agents").status == .notFound)
                #expect(try await adminB.send(.get, "/api/organisations/\(a)/keys").status == .notFound)
                #expect(
                    try await adminB.send(.post, "/api/organisations/\(a)/services", json: newService("Intrus")).status
                        == .notFound)
                #expect(try await adminB.send(.delete, "/api/agents/\(agent.id)").status == .notFound)
                #expect(
                    try await adminB.send(
                        .patch, "/api/organisations/\(a)", json: Models.OrganisationChange(name: "Pris")
                    )
                    .status == .notFound)
                let tree = try await adminB.decode(Models.OrganisationView.self, .get, "/api/organisations")
                #expect(tree.name == "Ville B")
            }
        }

        @Test(arguments: StorageBackend.available)
        func administratorsGrantOnlyWhatTheyHoldOverTheirSubtree(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let purchasing = try await admin.decode(
                    Models.OrganisationView.self, .post, "/api/organisations/\(city)/services",
                    json: newService("Achats"), status: .created)
                let works = try await admin.decode(
                    Models.OrganisationView.self, .post, "/api/organisations/\(purchasing.id)/services",
                    json: newService("Travaux", type: .small), status: .created)
                // A sub-entity administrator with some rights only.
                let sub = try await admin.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(purchasing.id)/agents", json: newAgent("sub"),
                    status: .created)
                #expect(
                    try await admin.send(
                        .put, "/api/agents/\(sub.id)/rights",
                        json: Models.Rights(
                            administration: [.createUsers, .createSubEntityUsers, .createAdministrators], management: []
                        )
                    ).status == .noContent)
                let subAdmin = try await AgentClient.signIn(client, login: "sub")
                // Administrator of the whole subtree: may create users at home and two levels down.
                _ = try await subAdmin.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(purchasing.id)/agents", json: newAgent("user1"),
                    status: .created)
                let u2 = try await subAdmin.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(works.id)/agents", json: newAgent("user2"),
                    status: .created)
                // Not above their organisation, and no sub-entity without the right.
                #expect(
                    try await subAdmin.send(.post, "/api/organisations/\(city)/agents", json: newAgent("user3")).status
                        == .forbidden)
                #expect(
                    try await subAdmin.send(.post, "/api/organisations/\(works.id)/services", json: newService("X"))
                        .status == .forbidden)
                // Grant only what you hold: createUsers yes, createSubEntities no.
                let u1 = try await subAdmin.decode(
                    [Models.AgentView].self, .get, "/api/organisations/\(purchasing.id)/agents"
                )
                .first { $0.login == "user1" }
                let u1ID = try #require(u1?.id)
                #expect(
                    try await subAdmin.send(
                        .put, "/api/agents/\(u1ID)/rights",
                        json: Models.Rights(administration: [.createUsers], management: [])
                    ).status == .noContent)
                #expect(
                    try await subAdmin.send(
                        .put, "/api/agents/\(u1ID)/rights",
                        json: Models.Rights(administration: [.createUsers, .createSubEntities], management: [])
                    ).status == .forbidden)
                #expect(
                    try await subAdmin.send(
                        .put, "/api/agents/\(u1ID)/rights",
                        json: Models.Rights(administration: [.createUsers], management: [.viewPoints])
                    ).status == .forbidden)
                // Granting administration rights two levels down needs the sub-entity administrators right.
                #expect(
                    try await subAdmin.send(
                        .put, "/api/agents/\(u2.id)/rights",
                        json: Models.Rights(administration: [.createUsers], management: [])
                    ).status == .forbidden)
                let held = try await subAdmin.decode(
                    [Models.AgentView].self, .get, "/api/organisations/\(purchasing.id)/agents")
                #expect(held.first { $0.login == "user1" }?.administrationRights == ["create-users"])
                // Every change is in the entity's journal, refusals are not, and the chain holds.
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        let journal = JournalRepository(sql: sql)
                        let actions = try await journal.entries(entity: city).map(\.event.action)
                        #expect(actions.filter { $0 == .organisationCreated }.count == 3)
                        #expect(actions.filter { $0 == .agentCreated }.count == 3)
                        #expect(actions.filter { $0 == .agentRightsChanged }.count == 2)
                        let verification = try await journal.verify()
                        guard case .intact = verification else {
                            Issue.record("journal broken: \(verification)")
                            return
                        }
                    }
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func noRoleBeforeAKeyAndKeysAreInheritedNotDeletedBelow(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let purchasing = try await admin.decode(
                    Models.OrganisationView.self, .post, "/api/organisations/\(city)/services",
                    json: newService("Achats"), status: .created)
                let buyer = try await admin.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(purchasing.id)/agents", json: newAgent("buyer"),
                    status: .created)
                let refused = try await admin.send(
                    .put, "/api/agents/\(buyer.id)/roles/\(purchasing.id)", json: Models.Roles(roles: [.buyer]))
                #expect(refused.status == .forbidden)
                #expect(String(buffer: refused.body).contains("clé de chiffrement"))

                let personal = try await admin.decode(
                    Models.KeyView.self, .post, "/api/organisations/\(city)/keys",
                    json: Models.NewKey(
                        certificate: try EncryptionCertificate.make(commonName: "Ville A chiffrement"), kind: .personal),
                    status: .created)
                #expect(personal.commonName == "Ville A chiffrement")
                #expect(personal.name == "Ville A chiffrement")
                let backup = try await admin.decode(
                    Models.KeyView.self, .post, "/api/organisations/\(purchasing.id)/keys",
                    json: Models.NewKey(
                        certificate: try EncryptionCertificate.make(commonName: "Secours achats"), kind: .backup,
                        name: "Coffre"), status: .created)
                // Inherited personal key + own backup: roles may now be granted.
                #expect(
                    try await admin.send(
                        .put, "/api/agents/\(buyer.id)/roles/\(purchasing.id)",
                        json: Models.Roles(roles: [.buyer, .tenderBoardChair])
                    ).status == .noContent)
                // The role must exist for the service's type (medium has no assistant).
                #expect(
                    try await admin.send(
                        .put, "/api/agents/\(buyer.id)/roles/\(purchasing.id)",
                        json: Models.Roles(roles: [.buyerAssistant])
                    ).status == .badRequest)
                let listing = try await admin.decode(
                    Models.KeyListing.self, .get, "/api/organisations/\(purchasing.id)/keys")
                #expect(Set(listing.recipients) == [personal.id, backup.id])
                #expect(listing.keys.first { $0.id == personal.id }?.inherited == true)
                #expect(
                    try await admin.send(.delete, "/api/organisations/\(purchasing.id)/keys/\(personal.id)").status
                        == .forbidden)
                // Expired certificates and signature-only certificates are refused.
                let expired = try await admin.send(
                    .post, "/api/organisations/\(city)/keys",
                    json: Models.NewKey(
                        certificate: try EncryptionCertificate.make(commonName: "Vieux", days: -1), kind: .backup))
                #expect(expired.status == .badRequest)
                let signing = try await admin.send(
                    .post, "/api/organisations/\(city)/keys",
                    json: Models.NewKey(
                        certificate: try EncryptionCertificate.make(
                            commonName: "Signature", keyUsage: .init(digitalSignature: true, nonRepudiation: true)),
                        kind: .personal))
                #expect(signing.status == .badRequest)
                let duplicate = try await admin.send(
                    .post, "/api/organisations/\(purchasing.id)/keys",
                    json: Models.NewKey(certificate: backup.certificatePem, kind: .backup))
                #expect(duplicate.status == .conflict)
            }
        }

        @Test(arguments: StorageBackend.available)
        func organisationsAreDeletedOnlyWhenEmpty(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let service = try await admin.decode(
                    Models.OrganisationView.self, .post, "/api/organisations/\(city)/services",
                    json: newService("Achats"), status: .created)
                let agent = try await admin.decode(
                    Models.AgentView.self, .post, "/api/organisations/\(service.id)/agents", json: newAgent("agent1"),
                    status: .created)
                let key = try await admin.decode(
                    Models.KeyView.self, .post, "/api/organisations/\(service.id)/keys",
                    json: Models.NewKey(certificate: try EncryptionCertificate.make(commonName: "K"), kind: .personal),
                    status: .created)
                #expect(try await admin.send(.delete, "/api/organisations/\(service.id)").status == .conflict)
                #expect(try await admin.send(.delete, "/api/agents/\(agent.id)").status == .noContent)
                #expect(try await admin.send(.delete, "/api/organisations/\(service.id)").status == .conflict)
                #expect(
                    try await admin.send(.delete, "/api/organisations/\(service.id)/keys/\(key.id)").status
                        == .noContent)
                #expect(try await admin.send(.delete, "/api/organisations/\(service.id)").status == .noContent)
                // The entity itself is not deleted from the web, nor one's own account.
                #expect(try await admin.send(.delete, "/api/organisations/\(city)").status == .forbidden)
                #expect(try await admin.send(.delete, "/api/agents/\(admin.agentID)").status == .forbidden)
                let tooLong = try await admin.send(
                    .patch, "/api/organisations/\(city)",
                    json: Models.OrganisationChange(name: String(repeating: "a", count: 256)))
                #expect(tooLong.status == .badRequest)
                let renamed = try await admin.decode(
                    Models.OrganisationView.self, .patch, "/api/organisations/\(city)",
                    json: Models.OrganisationChange(name: String(repeating: "a", count: 255), phone: "01 02 03 04 05"))
                #expect(renamed.phone == "01 02 03 04 05")
            }
        }
    }
}
