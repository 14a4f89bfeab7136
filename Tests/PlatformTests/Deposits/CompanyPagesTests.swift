import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Platform

/// The companies' pages and the DCE: search, consultation page, registration by form, DCE download in
/// the registre des retraits.
extension DatabaseTests {
    struct CompanyPagesTests {
        /// An empty ZIP archive: the end-of-central-directory record alone.
        static let emptyZIP: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)

        @Test(arguments: StorageBackend.available)
        func companiesFindTheConsultationAndItsDCEIsRegistered(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let dceURI = "/api/consultations/\(scenario.consultationID)/dce"
                #expect(
                    try await scenario.admin.send(.put, dceURI, bytes: Array("not a zip".utf8)).status == .badRequest)
                #expect(try await scenario.admin.send(.put, dceURI, bytes: Self.emptyZIP).status == .ok)

                let search = try await client.executeRequest(
                    uri: "/consultations-publiques?q=toiture", method: .get, headers: [:], body: nil)
                #expect(String(buffer: search.body).contains(scenario.reference))
                let none = try await client.executeRequest(
                    uri: "/consultations-publiques?q=piscine", method: .get, headers: [:], body: nil)
                #expect(String(buffer: none.body).contains("Aucune consultation"))
                let page = try await client.executeRequest(
                    uri: "/consultations-publiques/\(scenario.reference)", method: .get, headers: [:], body: nil)
                let html = String(buffer: page.body)
                #expect(html.contains("Réfection de la toiture"))
                #expect(html.contains("--envelope candidature=FICHIER --envelope offre=FICHIER"))
                #expect(html.contains("Télécharger le dossier de consultation"))

                // One anonymous download and one by the signed-in company.
                let anonymous = try await client.executeRequest(
                    uri: "/api/public/consultations/\(scenario.reference)/dce", method: .get, headers: [:], body: nil)
                #expect(Array(anonymous.body.readableBytesView) == Self.emptyZIP)
                #expect(anonymous.headers[.contentType] == "application/zip")
                _ = try await scenario.bidder.send(.get, "/api/public/consultations/\(scenario.reference)/dce")
                let downloads = try await scenario.admin.decode(
                    [DepositRepository.Download].self, .get, "/api/consultations/\(scenario.consultationID)/downloads")
                #expect(downloads.map(\.companyName) == [nil, "Bâtiments Durand SARL"])
                let csv = try await scenario.admin.send(
                    .get, "/api/consultations/\(scenario.consultationID)/registres/retraits.csv")
                #expect(String(buffer: csv.body).contains(";Anonyme;"))

                // Past its deadline the consultation leaves the search and its page.
                try await scenario.set(deadline: Timestamp.now() - 1)
                let gone = try await client.executeRequest(
                    uri: "/consultations-publiques/\(scenario.reference)", method: .get, headers: [:], body: nil)
                #expect(gone.status == .notFound)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aCompanyRegistersBySignsInAndOutWithForms(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { _, client in
                let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                let fields =
                    "name=Durand+%26+Fils&siret=44306184100047&civility=M.&lastName=Durand&firstName=Paul"
                    + "&email=paul%40durand.invalid&login=pdurand&password=correct+horse+battery"
                let invalid = try await client.executeRequest(
                    uri: "/entreprise/inscription", method: .post, headers: form,
                    body: ByteBuffer(string: fields.replacingOccurrences(of: "44306184100047", with: "44306184100048")))
                #expect(invalid.status == .badRequest)
                #expect(String(buffer: invalid.body).contains("SIRET"))
                #expect(String(buffer: invalid.body).contains("value=\"Durand &amp; Fils\""))
                let crossSite = try await client.executeRequest(
                    uri: "/entreprise/inscription", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"],
                    body: ByteBuffer(string: fields))
                #expect(crossSite.status == .forbidden)
                let registered = try await client.executeRequest(
                    uri: "/entreprise/inscription", method: .post, headers: form, body: ByteBuffer(string: fields))
                #expect(registered.status == .found)
                let cookie = String(try #require(registered.headers[.setCookie]?.split(separator: ";").first))
                let space = try await client.executeRequest(
                    uri: "/entreprise", method: .get, headers: [.cookie: cookie], body: nil)
                #expect(String(buffer: space.body).contains("Durand &amp; Fils"))
                #expect(String(buffer: space.body).contains("Aucun dépôt"))
                let anonymous = try await client.executeRequest(
                    uri: "/entreprise", method: .get, headers: [:], body: nil)
                #expect(anonymous.headers[.location] == "/entreprise/connexion")
                let wrong = try await client.executeRequest(
                    uri: "/entreprise/connexion", method: .post, headers: form,
                    body: ByteBuffer(string: "login=pdurand&password=wrong-password"))
                #expect(wrong.status == .unauthorized)
            }
        }
    }
}
