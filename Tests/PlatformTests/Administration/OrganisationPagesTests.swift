import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Platform

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
            }
        }
    }
}
