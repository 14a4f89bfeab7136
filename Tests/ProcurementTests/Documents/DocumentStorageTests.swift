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

/// The consultation's documents stored on SQLite and PostgreSQL: each document uploaded and replaced in
/// versions, archives the policy refuses kept out, the DCE withdrawn whole, in part and anonymously, each
/// withdrawal in the registre des retraits.
extension DatabaseTests {
    struct DocumentStorageTests {
        static let dce = TestZIP.archive([
            ("RC.pdf", Array("règlement".utf8)), ("CCTP/lot 1.pdf", Array(repeating: 7, count: 300)),
            ("BPU.xlsx", Array("prix".utf8)),
        ])

        @Test(arguments: StorageBackend.available)
        func documentsAreVersionedAndWithdrawnInTheRegister(backend: StorageBackend) async throws {
            try await PlatformHarness.run(
                backend, configure: { $0.maximumDCESize = 64 << 10 },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let id = scenario.consultationID
                    let documents = "/api/consultations/\(id)/documents"
                    // The DCE through its historical route, then the règlement twice (a new version) and autres pièces.
                    #expect(
                        try await scenario.admin.send(.put, "/api/consultations/\(id)/dce", bytes: Self.dce).status
                            == .ok)
                    #expect(
                        try await scenario.admin.send(.put, "\(documents)/reglement?nom=RC%20v1.pdf", bytes: [1, 2])
                            .status
                            == .ok)
                    #expect(
                        try await scenario.admin.send(.put, "\(documents)/reglement?nom=RC%20v2.pdf", bytes: [3]).status
                            == .ok)
                    #expect(
                        try await scenario.admin.send(.put, "\(documents)/autres?nom=plan.dwg", bytes: [4]).status
                            == .ok)
                    // Refused: an archive climbing out of itself, a file over the limit, an unknown document, a bidder.
                    let climbing = TestZIP.archive([("../../etc/cron.d/x", [1])])
                    let refused = try await scenario.admin.send(.put, "\(documents)/dce", bytes: climbing)
                    #expect(refused.status == .badRequest)
                    #expect(String(buffer: refused.body).contains("remonte"))
                    let large = try await scenario.admin.send(
                        .put, "\(documents)/autres", bytes: Array(repeating: 0, count: 65 << 10))
                    #expect(large.status == .contentTooLarge)
                    #expect(try await scenario.admin.send(.put, "\(documents)/cctp", bytes: [1]).status == .notFound)
                    #expect(try await scenario.bidder.send(.put, "\(documents)/reglement", bytes: [1]).status != .ok)

                    let versions = try await scenario.admin.decode(
                        [DocumentController.DocumentView].self, .get, documents)
                    #expect(
                        versions.map { "\($0.kind) \($0.version) \($0.name)" }.sorted() == [
                            "autres 1 plan.dwg", "dce 1 DCE.zip", "reglement 1 RC v1.pdf", "reglement 2 RC v2.pdf",
                        ])
                    let first = try #require(versions.first { $0.kind == "reglement" && $0.version == 1 })
                    let old = try await scenario.admin.send(.get, "\(documents)/versions/\(first.id)")
                    #expect(Array(old.body.readableBytesView) == [1, 2])

                    // The page lists the files of the DCE for a partial download.
                    let published = "/api/public/consultations/\(scenario.reference)"
                    let page = try await scenario.bidder.send(.get, "/consultations-publiques/\(scenario.reference)")
                    let html = String(buffer: page.body)
                    #expect(html.contains("CCTP/lot 1.pdf") && html.contains("Télécharger : Règlement de consultation"))
                    // The current règlement (version 2), the whole DCE anonymously, two files of it by the company.
                    let rules = try await scenario.bidder.send(.get, "\(published)/documents/reglement")
                    #expect(Array(rules.body.readableBytesView) == [3])
                    #expect(rules.headers[.contentDisposition]?.contains("RC v2.pdf") == true)
                    let anonymous = try await client.executeRequest(
                        uri: "\(published)/dce", method: .get, headers: [:], body: nil)
                    #expect(Array(anonymous.body.readableBytesView) == Self.dce)
                    let partial = try await scenario.bidder.send(.get, "\(published)/dce?version=1&fichier=1&fichier=2")
                    #expect(partial.status == .ok)
                    #expect(partial.headers[.contentType] == "application/zip")
                    let files = try TestZIP.files(of: Array(partial.body.readableBytesView))
                    #expect(files.keys.sorted() == ["BPU.xlsx", "CCTP/lot 1.pdf"])
                    #expect(files["BPU.xlsx"] == Array("prix".utf8))
                    // A stale version or an unknown file is refused, and not recorded.
                    #expect(
                        try await scenario.bidder.send(.get, "\(published)/dce?version=9&fichier=1").status == .conflict
                    )
                    #expect(try await scenario.bidder.send(.get, "\(published)/dce?fichier=7").status == .badRequest)

                    let register = try await scenario.admin.decode(
                        [DepositRepository.Download].self, .get, "/api/consultations/\(id)/downloads")
                    #expect(
                        register.map(\.documentLabel) == ["Règlement de consultation", "DCE complet", "DCE (partiel)"])
                    #expect(register.map(\.companyName) == ["Bâtiments Durand SARL", nil, "Bâtiments Durand SARL"])
                    #expect(register[2].entries == "CCTP/lot 1.pdf\nBPU.xlsx")
                    let csv = String(
                        buffer: try await scenario.admin.send(.get, "/api/consultations/\(id)/registres/retraits.csv")
                            .body)
                    #expect(csv.contains(";Anonyme;") && csv.contains("DCE (partiel)"))

                    // The agents' page shows the tab with its versions and the register.
                    let agentPage = String(buffer: try await scenario.admin.send(.get, "/consultations/\(id)").body)
                    #expect(agentPage.contains("Registre des retraits") && agentPage.contains("RC v1.pdf"))
                    #expect(agentPage.contains("/static/documents.js"))
                })
        }

        @Test(arguments: StorageBackend.available)
        func aRestrictedConsultationIsNotWithdrawnAnonymously(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                #expect(
                    try await scenario.admin.send(
                        .put, "/api/consultations/\(scenario.consultationID)/dce", bytes: Self.dce
                    )
                    .status == .ok)
                try await harness.withDatabase { database in
                    try await database.transaction { sql in
                        try await sql.update("consultations").set("access_code", to: "CODE42")
                            .where("id", .equal, scenario.consultationID).run()
                    }
                }
                let uri = "/api/public/consultations/\(scenario.reference)/dce"
                let anonymous = try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .forbidden)
                #expect(try await scenario.bidder.send(.get, uri).status == .ok)
            }
        }
    }
}
