import Foundation
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Putting a consultation online (validating it) debits its entity's points once, at its procedure's tariff, in
/// the validation's transaction, even when the balance is insufficient (issue 19 item 6).
extension DatabaseTests {
    struct ConsultationPointsTests {
        @Test(arguments: StorageBackend.available)
        func validationDebitsTheEntityOnceAtItsProceduresTariff(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(
                    harness, client, roles: ["prm": [.contractingAuthority]])
                let prmID = try fixture["prm"].agentID
                try await harness.withDatabase { database in
                    var service = ConsultationService(database: database)
                    service.pointsTariff = PointsTariff(adapted: 2, formalised: 5)
                    let authority = try await database.session { sql in
                        let agents = AgentRepository(sql: sql)
                        let agent = try #require(try await agents.find(prmID))
                        return try await agents.authority(of: agent)
                    }
                    var draft = fixture.input(reference: "MAPA_POINTS_1").draft
                    draft.procedureType = .adapted
                    let mapa = try #require(try await service.create(draft, by: authority).id)
                    _ = try await service.apply(.submit, to: mapa, by: authority)
                    // Nothing is debited before the consultation goes online.
                    let before = try await database.session { sql in
                        try await PointsRepository(sql: sql).entries(of: fixture.entityID)
                    }
                    #expect(before.isEmpty)
                    // The balance is 0: the publication is allowed all the same, the balance turns negative.
                    #expect(try await service.apply(.validate, to: mapa, by: authority).state == .consultation)
                    draft.reference = "AO_POINTS_2"
                    draft.procedureType = .openTender
                    let formal = try #require(try await service.create(draft, by: authority).id)
                    _ = try await service.apply(.submit, to: formal, by: authority)
                    _ = try await service.apply(.validate, to: formal, by: authority)
                    let entries = try await database.session { sql in
                        try await PointsRepository(sql: sql).entries(of: fixture.entityID)
                    }
                    #expect(entries.map(\.amount) == [2, 5])
                    #expect(entries.map(\.use) == [.adapted, .formalised])
                    #expect(entries.map(\.consultationID) == [mapa, formal])
                    #expect(entries.allSatisfy { $0.serviceID == fixture.serviceID && $0.recordedBy == prmID })
                    #expect(entries.first?.label == "Mise en ligne de la consultation MAPA_POINTS_1")
                    #expect(PointsLedger.balance(entries, before: .max) == -7)
                    // Debiting the published consultation again records nothing.
                    let again = try await database.transaction { sql in
                        try await PointsService.debitPublication(
                            PointsService.Publication(
                                consultationID: mapa, reference: "MAPA_POINTS_1", entityID: fixture.entityID,
                                serviceID: fixture.serviceID, use: .adapted, agentID: prmID),
                            tariff: PointsTariff(adapted: 2, formalised: 5), sql: sql, at: Timestamp.now())
                    }
                    #expect(again == nil)
                    let debits = try await database.session { sql in
                        try await sql.select().column("action").from("journal")
                            .where("action", .equal, JournalAction.pointsDebited.rawValue).all().count
                    }
                    #expect(debits == 2)
                }
            }
        }
    }
}
