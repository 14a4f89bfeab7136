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

/// The administrators' pages: every form through the router with the session cookie and the CSRF field.
extension DatabaseTests {
    struct OrganisationPagesTests {
        @Test(arguments: StorageBackend.available)
        func administratorsManageTheirOrganisationWithForms(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let page = "/espace-agent/organisations/\(city)"
                func post(_ path: String, _ fields: String) async throws -> TestResponse {
                    try await client.executeRequest(
                        uri: page + path, method: .post,
                        headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "_csrf=\(admin.csrfToken)&" + fields))
                }
                func html() async throws -> String {
                    String(
                        buffer: try await client.executeRequest(
                            uri: page, method: .get, headers: [.cookie: admin.cookie], body: nil
                        ).body)
                }
                #expect(try await html().contains("Gestion des utilisateurs"))
                let created = try await post("/services", "name=Direction+des+achats&type=moyenne-collectivite")
                #expect(created.status == .seeOther)
                #expect(created.headers[.location] == page)
                #expect(try await html().contains("Direction des achats"))
                #expect(
                    try await post(
                        "/agents",
                        "civility=Mme&lastName=Dulac&firstName=Jeanine&email=jdulac%40example.invalid&login=jdulac"
                            + "&password=correct+horse+battery"
                    ).status == .seeOther)
                let agentID = try #require(
                    try await admin.decode([APIModels.AgentView].self, .get, "/api/organisations/\(city)/agents")
                        .first { $0.login == "jdulac" }?.id)
                // No role before a key: the page comes back with the reason.
                let refused = try await post("/roles", "agent=\(agentID)&role-\(agentID)=pcao")
                #expect(refused.status == .forbidden)
                #expect(String(buffer: refused.body).contains("clé de chiffrement"))
                let pem = try EncryptionCertificate.make(commonName: "Ville A chiffrement")
                let encoded = try #require(pem.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                #expect(
                    try await post("/keys", "name=Cl%C3%A9+2026&kind=personnelle&certificate=\(encoded)").status
                        == .seeOther)
                #expect(try await html().contains("Clé 2026"))
                #expect(
                    try await post("/roles", "agent=\(agentID)&role-\(agentID)=pcao&role-\(agentID)=prm").status
                        == .seeOther)
                let roles = try await admin.decode(
                    [APIModels.AgentView].self, .get, "/api/organisations/\(city)/agents"
                )
                .first { $0.id == agentID }?.roles[String(city)]
                #expect(roles == ["pcao", "prm"])
                #expect(try await html().contains("checked aria-label=\"PCAO : jdulac\""))
                // Without the CSRF field nothing changes.
                let forged = try await client.executeRequest(
                    uri: page + "/roles", method: .post,
                    headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "agent=\(agentID)"))
                #expect(forged.status == .forbidden)
                let tooLong = try await post("", "name=" + String(repeating: "a", count: 256))
                #expect(tooLong.status == .badRequest)
                #expect(String(buffer: tooLong.body).contains("255"))
                #expect(String(buffer: tooLong.body).contains(#"<p class="field__error" id="nom-erreur">"#))
            }
        }

        @Test(arguments: StorageBackend.available)
        func refusalsComeBackBesideTheirFieldAndRightsAndDeletionsGoThroughForms(backend: StorageBackend)
            async throws
        {
            try await PlatformHarness.run(backend) { harness, client in
                let city = try await harness.entity("Ville A", login: "admin-a")
                let admin = try await AgentClient.signIn(client, login: "admin-a")
                let page = "/espace-agent/organisations/\(city)"
                func post(_ path: String, _ fields: String) async throws -> TestResponse {
                    try await client.executeRequest(
                        uri: page + path, method: .post,
                        headers: [.cookie: admin.cookie, .contentType: "application/x-www-form-urlencoded"],
                        body: ByteBuffer(string: "_csrf=\(admin.csrfToken)&" + fields))
                }
                let anonymous = try await client.executeRequest(uri: page, method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .found)
                #expect(anonymous.headers[.location] == "/connexion")

                // A refused user comes back with 400, the reason at the top and beside the e-mail, what was typed.
                let refused = try await post(
                    "/agents",
                    "civility=Mme&lastName=Dulac&firstName=Jeanine&email=pas-une-adresse&login=jdulac"
                        + "&password=correct+horse+battery")
                #expect(refused.status == .badRequest)
                let html = String(buffer: refused.body)
                #expect(html.contains(#"id="erreurs""#))
                #expect(html.contains(#"<p class="field__error" id="agent-email-erreur">"#))
                #expect(html.contains(#"aria-describedby="agent-email-aide agent-email-erreur" aria-invalid="true""#))
                #expect(html.contains(#"value="Dulac""#))
                #expect(!html.contains("correct horse battery"))
                #expect(!html.contains(#"id="agent-nom-erreur""#))

                #expect(
                    try await post(
                        "/agents",
                        "civility=Mme&lastName=Dulac&firstName=Jeanine&email=jdulac%40example.invalid&login=jdulac"
                            + "&password=correct+horse+battery"
                    ).status == .seeOther)
                let agentID = try #require(
                    try await admin.decode([APIModels.AgentView].self, .get, "/api/organisations/\(city)/agents")
                        .first { $0.login == "jdulac" }?.id)
                // Rights: only those sent for the agents of the matrix.
                #expect(
                    try await post(
                        "/droits", "agent=\(agentID)&admin-\(agentID)=create-users&gestion-\(agentID)=view-statistics"
                    ).status == .seeOther)
                let rights = try await admin.decode(
                    [APIModels.AgentView].self, .get, "/api/organisations/\(city)/agents"
                ).first { $0.id == agentID }
                #expect(rights?.administrationRights == ["create-users"])
                #expect(rights?.managementRights == ["view-statistics"])

                // Keys and users are deleted by forms that ask for a confirmation first.
                let pem = try EncryptionCertificate.make(commonName: "Ville A chiffrement")
                let encoded = try #require(pem.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
                #expect(try await post("/keys", "kind=personnelle&certificate=\(encoded)").status == .seeOther)
                let keys = try await admin.decode(
                    APIModels.KeyListing.self, .get, "/api/organisations/\(city)/keys")
                let keyID = try #require(keys.keys.first?.id)
                let full = String(
                    buffer: try await client.executeRequest(
                        uri: page, method: .get, headers: [.cookie: admin.cookie], body: nil
                    ).body)
                let confirmed = #"" class="inline-form" data-confirm="Supprimer"#
                #expect(full.contains("action=\"\(page)/keys/\(keyID)/suppression" + confirmed))
                #expect(full.contains("action=\"\(page)/agents/\(agentID)/suppression" + confirmed))
                #expect(!full.contains("/agents/\(admin.agentID)/suppression"))
                #expect(try await post("/keys/\(keyID)/suppression", "").status == .seeOther)
                #expect(
                    try await admin.decode(APIModels.KeyListing.self, .get, "/api/organisations/\(city)/keys").keys
                        .isEmpty)
                #expect(try await post("/agents/\(agentID)/suppression", "").status == .seeOther)
                #expect(
                    try await admin.decode([APIModels.AgentView].self, .get, "/api/organisations/\(city)/agents")
                        .allSatisfy { $0.id != agentID })
                // One's own account cannot be deleted: the page says why, with 403.
                let own = try await post("/agents/\(admin.agentID)/suppression", "")
                #expect(own.status == .forbidden)
                #expect(String(buffer: own.body).contains("votre propre compte"))
            }
        }
    }
}
