import CorePlatformAPI
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
                #expect(String(buffer: invalid.body).contains(#"<p class="field__error" id="siret-erreur">"#))
                #expect(!String(buffer: invalid.body).contains("correct horse battery"))
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

        @Test(arguments: StorageBackend.available)
        func theCompanySpaceListsItsDepositsWithTheirReceipt(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                func page(_ uri: String, as client: AgentClient? = nil) async throws -> TestResponse {
                    try await scenario.client.executeRequest(
                        uri: uri, method: .get, headers: client.map { [.cookie: $0.cookie] } ?? [:], body: nil)
                }
                let deposit = try await bidder.startDeposit(scenario.reference)
                let receiptPath = "/entreprise/depots/\(deposit)/accuse-de-reception"
                var space = String(buffer: try await page("/entreprise", as: bidder).body)
                #expect(space.contains(#"<span class="badge badge--progress">En cours de dépôt</span>"#))
                #expect(!space.contains(receiptPath))
                #expect(try await page(receiptPath, as: bidder).status == .notFound)

                try await bidder.upload(deposit, .application, "DC1.pdf.p7m", try scenario.sealed(size: 1000))
                try await bidder.upload(deposit, .offer, "Offre.pdf.p7m", try scenario.sealed(size: 2000))
                let done = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                space = String(buffer: try await page("/entreprise", as: bidder).body)
                #expect(space.contains(#"<span class="badge badge--success">Déposé</span>"#))
                #expect(space.contains("href=\"\(receiptPath)\""))
                #expect(space.contains(#"<a href="/consultations-publiques/AOO_2026_042">AOO_2026_042</a>"#))
                let receipt = try await page(receiptPath, as: bidder)
                #expect(receipt.status == .ok)
                let html = String(buffer: receipt.body)
                #expect(html.contains("Accusé de réception de dépôt électronique"))
                #expect(html.contains("Offre.pdf.p7m"))
                #expect(html.contains("443 061 841 00047"))
                let position = try #require(done.receipt.journal)
                #expect(html.contains("Entrée n° \(position.sequence), à la suite de l'empreinte"))
                #expect(html.contains("<code>\(DepositReceiptView.grouped(position.head))</code>"))

                // Another company's bidder does not see it; without a session, the browser goes to sign in.
                let other = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(
                        data: try JSONEncoder().encode(
                            DatabaseTests.CompanyAPITests.registration(siret: "73282932000074", login: "bidder-2"))))
                try #require(other.status == .created)
                let stranger = try await AgentClient.signIn(client, login: "bidder-2", bidder: true)
                #expect(try await page(receiptPath, as: stranger).status == .notFound)
                #expect(!String(buffer: try await page("/entreprise", as: stranger).body).contains(receiptPath))
                let anonymous = try await page(receiptPath)
                #expect(anonymous.status == .found)
                #expect(anonymous.headers[.location] == "/entreprise/connexion")
            }
        }
    }
}
