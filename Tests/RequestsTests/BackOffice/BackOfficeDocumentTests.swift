import Foundation
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The citizen's documents seen from the back office: the link on the request page, the bytes under their
/// original name for an agent who may read the category, nothing for the others.
extension DatabaseTests {
    struct BackOfficeDocumentTests {
        @Test(arguments: StorageBackend.available)
        func agentsOpenTheDocumentsOfTheRequestsTheyMayRead(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let (manager, reader, stranger) = (cast.manager, cast.colleague, cast.stranger)
                let teleservice = try await cast.teleservice(
                    "Inscription scolaire", in: harness, requiredDocuments: ["Justificatif de domicile"])
                let pdf = Array("%PDF-1.4\n% justificatif de domicile\n%%EOF\n".utf8)
                let files = try FileStore(dataDirectory: harness.dataDirectory)
                let stored = try await files.put(bytes: pdf)
                let (filed, proof, other) = try await harness.withDatabase { database in
                    let households = HouseholdService(database: database)
                    let (family, neighbours) = try await database.transaction { sql in
                        let repository = HouseholdRepository(sql: sql)
                        return (
                            try await repository.create(Self.household("legrand@example.invalid", "Legrand")),
                            try await repository.create(Self.household("voisin@example.invalid", "Voisin"))
                        )
                    }
                    let proof = try await households.addDocument(
                        kind: "Justificatif de domicile", fileName: "Facture d'électricité.pdf",
                        sha256: stored.hash.hex, to: family.id ?? 0)
                    let other = try await households.addDocument(
                        kind: "Justificatif de domicile", fileName: "voisin.pdf", sha256: stored.hash.hex,
                        to: neighbours.id ?? 0)
                    let filed = try await CitizenRequestService(database: database).file(
                        .init(teleserviceID: teleservice.id ?? 0, householdID: family.id, documentIDs: [proof.id ?? 0]))
                    return (filed, proof, other)
                }
                let page = "/espace-agent/demarches/\(filed.id ?? 0)"
                let link = "\(page)/documents/\(proof.id ?? 0)"
                // The documents zone links the file.
                let opened = try await manager.send(.get, page)
                #expect(String(buffer: opened.body).contains("<a href=\"\(link)\">Facture d&#39;électricité.pdf</a>"))
                // The manager and an agent with the read right get the bytes, shown as PDF under their name.
                for agent in [manager, reader] {
                    let response = try await agent.send(.get, link)
                    #expect(response.status == .ok)
                    #expect(Array(buffer: response.body) == pdf)
                    #expect(response.headers[.contentType] == "application/pdf")
                    #expect(
                        response.headers[.contentDisposition]
                            == "inline; filename=\"Facture d'_lectricit_.pdf\"; "
                            + "filename*=UTF-8''Facture%20d%27%C3%A9lectricit%C3%A9.pdf")
                    #expect(response.headers[CitizenDocumentResponse.contentTypeOptions] == "nosniff")
                }
                // Without access to the category the request and its documents do not exist (404, as its pages).
                let refused = try await stranger.send(.get, link)
                #expect(refused.status == .notFound)
                #expect(!String(buffer: refused.body).contains("%PDF"))
                // An unknown document, another household's document, an unknown request: 404.
                for path in [
                    "\(page)/documents/999999", "\(page)/documents/\(other.id ?? 0)",
                    "/espace-agent/demarches/999999/documents/\(proof.id ?? 0)",
                ] {
                    let response = try await manager.send(.get, path)
                    #expect(response.status == .notFound, "\(path)")
                }
                // Signed out: to the sign-in page.
                let anonymous = try await client.executeRequest(uri: link, method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .found)
            }
        }

        static func household(_ email: String, _ name: String) -> Household {
            Household(
                email: email, address: "2 rue du Parc 95000 Cergy",
                members: [HouseholdMember(role: .responsible, civility: .madame, lastName: name, firstName: "Anne")])
        }

        /// The media type and disposition read from the file name.
        @Test func documentTypesAndNames() {
            #expect(CitizenDocumentResponse.mediaType(of: "scan.JPG") == "image/jpeg")
            #expect(CitizenDocumentResponse.mediaType(of: "page.html") == "application/octet-stream")
            #expect(CitizenDocumentResponse.mediaType(of: "sans-extension") == "application/octet-stream")
            #expect(
                CitizenDocumentResponse.disposition(of: "a\"b.html")
                    == "attachment; filename=\"a_b.html\"; filename*=UTF-8''a%22b.html")
        }
    }
}
