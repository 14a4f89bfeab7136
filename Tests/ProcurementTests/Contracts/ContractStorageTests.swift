import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Contracts stored on SQLite and PostgreSQL through ``ContractService``: only after an award, only with the
/// right to decide, published once, modified in order without touching the initial data, journaled; the public
/// search and the DECP export read what was published.
extension DatabaseTests {
    struct ContractStorageTests {
        /// A consultation of `data`'s entity in « Décision »: lot 1 awarded, lot 2 infructueux.
        static func decidedConsultation(_ data: ConsultationTestData, in database: Database) async throws -> Int64 {
            var consultation = try data.sample()
            consultation.lots = [.init(number: 1, title: "Chaussée"), .init(number: 2, title: "Trottoirs")]
            let created = try await database.transaction { [consultation] sql in
                try await ConsultationRepository(sql: sql).create(consultation, at: 900)
            }
            let id = try #require(created.id)
            let steps: [(ConsultationTransition, Int64)] = [
                (.submit, 1_000), (.validate, 1_001), (.open, 2_000),
                (.decide([.init(lotNumber: 1, kind: .award), .init(lotNumber: 2, kind: .unsuccessful)]), 2_100),
            ]
            for (transition, now) in steps {
                _ = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).transition(id, transition, by: data.actor(), at: now)
                }
            }
            return id
        }

        static func service(_ database: Database) -> ContractService {
            var service = ContractService(database: database)
            service.clock = { ContractPolicyTests.now }
            return service
        }

        static func status(_ body: () async throws -> some Any) async -> String {
            do {
                _ = try await body()
                return "ok"
            } catch let error as DomainError {
                switch error {
                case .invalidField(let field, _): return "invalid \(field)"
                case .forbidden: return "forbidden"
                case .notFound: return "not found"
                case .conflict: return "conflict"
                default: return "\(error)"
                }
            } catch {
                return "\(error)"
            }
        }

        @Test(arguments: StorageBackend.available)
        func contractsFollowTheAwardTheRightsAndTheOrder(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let other = try await ConsultationTestData.insert(into: database, name: "Autre ville", agents: 1)
                let id = try await Self.decidedConsultation(data, in: database)
                let service = Self.service(database)
                let buyer = AgentAuthority(
                    agentID: data.agentIDs[0], homeOrganisationID: data.organisationID,
                    roles: [data.organisationID: [.buyer]])
                let assistant = AgentAuthority(
                    agentID: data.agentIDs[1], homeOrganisationID: data.organisationID,
                    roles: [data.organisationID: [.buyerAssistant]])
                let stranger = AgentAuthority(
                    agentID: other.agentIDs[0], homeOrganisationID: other.organisationID,
                    roles: [other.organisationID: [.buyer]])
                var draft = ContractPolicyTests.draft()
                draft.holders = [
                    (name: "Bâtiments Durand SARL", siret: "73282932000074"), (name: "Atexo", siret: "44090956200033"),
                ]
                draft.grouping = OperatorGrouping.joint.rawValue
                draft.lot = "2"
                #expect(
                    await Self.status { try await service.create(draft, consultationID: id, by: buyer) }
                        == "invalid lot")
                draft.lot = "1"
                #expect(
                    await Self.status { try await service.create(draft, consultationID: id, by: assistant) }
                        == "forbidden")
                #expect(
                    await Self.status { try await service.create(draft, consultationID: id, by: stranger) }
                        == "not found")
                let created = try await service.create(draft, consultationID: id, by: buyer)
                let contractID = try #require(created.id)
                let found = try await database.session { sql in try await ContractRepository(sql: sql).find(contractID)
                }
                #expect(found == created)
                #expect(found?.holders.map(\.name) == ["Bâtiments Durand SARL", "Atexo"])
                #expect(found?.lotNumber == 1)

                // Seen by the assistant (read), not by another entity; nothing exported before publication.
                #expect(try await service.followUp(for: assistant).map(\.id) == [contractID])
                #expect(try await service.followUp(for: stranger).isEmpty)
                #expect(await Self.status { try await service.show(contractID, for: stranger) } == "not found")
                #expect(try await service.exportPage(after: 0).records.isEmpty)
                #expect(try await service.search(ContractSearch()).isEmpty)
                #expect(
                    await Self.status {
                        try await service.modify(
                            ModificationDraft(
                                object: "Avenant", amount: "130000", signatureDate: "20/05/2026",
                                publicationDate: "28/05/2026"), contract: contractID, by: buyer)
                    } == "conflict")

                #expect(await Self.status { try await service.publish(contractID, by: assistant) } == "forbidden")
                let published = try await service.publish(contractID, by: buyer)
                #expect(published.publicationDate?.description == "2026-05-28")
                #expect(await Self.status { try await service.publish(contractID, by: buyer) } == "conflict")

                _ = try await service.modify(
                    ModificationDraft(
                        object: "Travaux supplémentaires", amount: "140 000", signatureDate: "20/05/2026",
                        publicationDate: "28/05/2026"), contract: contractID, by: buyer)
                let modified = try await service.modify(
                    ModificationDraft(
                        object: "Prolongation", durationMonths: "30", signatureDate: "27/05/2026",
                        publicationDate: "28/05/2026"), contract: contractID, by: buyer)
                #expect(modified.modifications.map(\.number) == [1, 2])
                let stored = try #require(
                    try await database.session { sql in try await ContractRepository(sql: sql).find(contractID) })
                #expect(stored.amount == created.amount && stored.durationMonths == 24)
                #expect(stored.currentAmount == EuroAmount(cents: 14_000_000) && stored.currentDurationMonths == 30)
                #expect(stored.modifications.map(\.object) == ["Travaux supplémentaires", "Prolongation"])
                // A number taken meanwhile (two agents at once) is refused by the unique index.
                await #expect(throws: (any Error).self) {
                    try await database.transaction { sql in
                        try await ContractRepository(sql: sql).add(stored.modifications[1], to: contractID)
                    }
                }

                // The export: one valid record with its two modifications.
                let page = try await service.exportPage(after: 0)
                #expect(page.records.count == 1 && page.last == nil)
                #expect(page.records.first.map(DECPValidator.violations(of:)) == [])
                #expect(page.records.first?.modifications.map(\.id) == [1, 2])
                #expect(page.records.first?.holders.map(\.id) == ["73282932000074", "44090956200033"])

                // The public search, accents and case aside.
                var search = ContractSearch()
                search.holder = "batiments durand"
                #expect(try await service.search(search).map(\.id) == [contractID])
                search.cpvPrefix = "72"
                #expect(try await service.search(search).isEmpty)
                let byBuyer = try ContractSearch(query: [
                    "acheteur": "VILLE de test", "du": "01/05/2026", "au": "31/05/2026",
                ])
                #expect(try await service.search(byBuyer).map(\.id) == [contractID])
                let tooLate = try ContractSearch(query: ["du": "16/05/2026"])
                #expect(try await service.search(tooLate).isEmpty)

                // Journaled: creation, publication, each modification.
                let entries = try await database.session { sql in
                    try await JournalRepository(sql: sql).entries(subject: .contract(contractID))
                }
                #expect(
                    entries.map(\.event.action) == [
                        .contractCreated, .contractPublished, .contractModified, .contractModified,
                    ])
                #expect(entries.first?.event.entityID == data.organisationID)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theExportRoutesAndThePublicSearchServeThePublishedContracts(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let contractID = try await harness.withDatabase { database in
                    let data = try await ConsultationTestData.insert(into: database)
                    let id = try await Self.decidedConsultation(data, in: database)
                    let buyer = AgentAuthority(
                        agentID: data.agentIDs[0], homeOrganisationID: data.organisationID,
                        roles: [data.organisationID: [.buyer]])
                    var draft = ContractPolicyTests.draft()
                    draft.lot = "1"
                    let service = Self.service(database)
                    let contract = try await service.create(draft, consultationID: id, by: buyer)
                    // A second contract stays « à publier »: never exported.
                    _ = try await service.create(draft, consultationID: id, by: buyer)
                    let contractID = try #require(contract.id)
                    _ = try await service.publish(contractID, by: buyer)
                    return contractID
                }
                let json = try await client.executeRequest(
                    uri: "/donnees-essentielles/decp.json", method: .get, headers: [:], body: nil)
                #expect(json.status == .ok)
                #expect(json.headers[.contentType] == "application/json; charset=utf-8")
                let object = try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [String: Any]
                let marches = (object?["marches"] as? [String: Any])?["marche"] as? [[String: Any]]
                #expect(marches?.count == 1)
                #expect(marches?.first?["id"] as? String == "2026C" + String(format: "%06d", contractID))
                #expect(marches?.first?["codeCPV"] as? String == "45233140")

                let xml = try await client.executeRequest(
                    uri: "/donnees-essentielles/decp.xml", method: .get, headers: [:], body: nil)
                #expect(xml.status == .ok)
                let collector = XMLCollector()
                let parser = XMLParser(data: Data(buffer: xml.body))
                parser.delegate = collector
                #expect(parser.parse())
                #expect(collector.texts["marches/marche/id"]?.count == 1)
                #expect(collector.texts["marches/marche/titulaires/titulaire/id"] == ["73282932000074"])

                let page = try await client.executeRequest(
                    uri: "/donnees-essentielles?titulaire=durand&cpv=45", method: .get, headers: [:], body: nil)
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("<h1>Données essentielles</h1>"))
                #expect(html.contains("Bâtiments Durand SARL") && html.contains("1 marché conclu"))
                let refused = try await client.executeRequest(
                    uri: "/donnees-essentielles?cpv=4x", method: .get, headers: [:], body: nil)
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains(#"<p class="field__error" id="cpv-erreur">"#))
            }
        }
    }
}
