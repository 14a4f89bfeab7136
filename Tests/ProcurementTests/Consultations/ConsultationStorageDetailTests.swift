import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// `ConsultationRepository` on both backends: every field round-trips, references stay unique on update,
/// decisions per lot, who sees what, and rows the code cannot read.
extension DatabaseTests {
    struct ConsultationStorageDetailTests {
        @Test(arguments: StorageBackend.available)
        func aSimplifiedConsultationWithEveryOptionRoundTrips(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                var consultation = Consultation.simplified(
                    reference: try ConsultationReference("devis/2026_04"), organisationID: data.organisationID,
                    createdBy: data.agentIDs[0], announcementType: .information, contractType: .frameworkMultiple,
                    procedureType: .negotiatedWithoutNotice, category: .services, title: "Maintenance",
                    object: "Maintenance des ascenseurs", internalComment: "Urgent", placeOfExecution: "Lille",
                    deadline: 9_000, accessCode: "6X2mEGpm", now: 800)
                consultation.modalities = ConsultationModalities(
                    electronicResponse: .required, signature: .required, encryption: false,
                    envelopes: [.application, .anonymity], openingMode: .byResponse, displayedAfterDeadline: true)
                let saved = try await database.transaction { [consultation] sql in
                    try await ConsultationRepository(sql: sql).create(consultation, at: 900)
                }
                let found = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).find(reference: "DEVIS/2026_04")
                }
                #expect(found == saved)
                #expect(found?.cpv == nil)
                #expect(found?.creationMode == .simplified)
                #expect(found?.modalities.envelopes == [.application, .anonymity])
            }
        }

        @Test(arguments: StorageBackend.available)
        func anUpdateCannotTakeAnotherConsultationsReference(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let (_, second) = try await database.transaction { sql in
                    let repository = ConsultationRepository(sql: sql)
                    return (
                        try await repository.create(try data.sample(reference: "FIRST_2026"), at: 900),
                        try await repository.create(try data.sample(reference: "SECOND_2026"), at: 900)
                    )
                }
                var renamed = second
                renamed.reference = try ConsultationReference("first_2026")
                await #expect(throws: DomainError.self) {
                    try await database.transaction { [renamed] sql in
                        try await ConsultationRepository(sql: sql).update(renamed, by: data.actor(), at: 950)
                    }
                }
                renamed.reference = try ConsultationReference("SECOND_2026_V2")
                let updated = try await database.transaction { [renamed] sql in
                    try await ConsultationRepository(sql: sql).update(renamed, by: data.actor(), at: 950)
                }
                #expect(updated.reference.value == "SECOND_2026_V2")
                let old = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).find(reference: "SECOND_2026")
                }
                #expect(old == nil)
            }
        }

        @Test(arguments: StorageBackend.available)
        func decisionsAreKeptPerLotAndResetPerLotOrTogether(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                var consultation = try data.sample()
                consultation.lots = [.init(number: 2, title: "Étanchéité"), .init(number: 1, title: "Couverture")]
                let created = try await database.transaction { [consultation] sql in
                    try await ConsultationRepository(sql: sql).create(consultation, at: 900)
                }
                let id = try #require(created.id)
                let decisions: [ConsultationDecision] = [
                    .init(lotNumber: 2, kind: .unsuccessful, comment: "Aucune offre"),
                    .init(lotNumber: 1, kind: .award, comment: "Entreprise A"),
                ]
                let steps: [(ConsultationTransition, Int64)] = [
                    (.submit, 1_000), (.validate, 1_001), (.open, 2_000),
                ]
                for (transition, now) in steps {
                    _ = try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).transition(id, transition, by: data.actor(), at: now)
                    }
                }
                await #expect(throws: ConsultationError.self) {
                    try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).transition(
                            id, .decide([decisions[0]]), by: data.actor(), at: 2_100)
                    }
                }
                _ = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).transition(
                        id, .decide(decisions), by: data.actor(), at: 2_200)
                }
                let inForce = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).decisions(of: id)
                }
                #expect(inForce == decisions.reversed())
                let lot2 = ConsultationDecision(lotNumber: 2, kind: .award, comment: "Entreprise B après relance")
                for (transition, now) in [
                    (ConsultationTransition.resetDecision(lot: 2), Int64(2_300)), (.decide([lot2]), 2_400),
                ] {
                    _ = try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).transition(id, transition, by: data.actor(), at: now)
                    }
                }
                let afterLotReset = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).decisions(of: id)
                }
                #expect(afterLotReset == [decisions[1], lot2])
                _ = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).transition(
                        id, .resetDecision(lot: nil), by: data.actor(), at: 2_500)
                }
                let afterReset = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).decisions(of: id)
                }
                #expect(afterReset.isEmpty)
            }
        }

        @Test(arguments: StorageBackend.available)
        func agentsSeeTheirServicesTheirOwnAndTheirInvitations(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let city = try await ConsultationTestData.insert(into: database)
                let region = try await ConsultationTestData.insert(into: database, name: "Région de Test")
                var invitedTo = try region.sample(reference: "REGION_INVITE")
                invitedTo.invitations = [.init(agentID: city.agentIDs[1], permanent: true)]
                invitedTo.lots = [.init(number: 1, title: "Voirie"), .init(number: 2, title: "Réseaux")]
                var own = try city.sample(reference: "VILLE_2026")
                own.lots = [.init(number: 1, title: "Gros œuvre"), .init(number: 2, title: "Second œuvre")]
                own.invitations = [.init(agentID: city.agentIDs[2])]
                let saved = try await database.transaction { [invitedTo, own] sql in
                    let repository = ConsultationRepository(sql: sql)
                    return [
                        try await repository.create(own, at: 900),
                        try await repository.create(try region.sample(reference: "REGION_2026"), at: 900),
                        try await repository.create(invitedTo, at: 900),
                    ]
                }
                let listed = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).consultations(ofOrganisations: [
                        city.organisationID, region.organisationID,
                    ])
                }
                #expect(Set(listed.map(\.reference.value)) == Set(saved.map(\.reference.value)))
                for consultation in saved {
                    #expect(listed.first { $0.id == consultation.id } == consultation, "\(consultation.reference)")
                }
                func visible(_ agent: Int64, _ organisations: [Int64]) async throws -> Set<String> {
                    try await database.session { sql in
                        Set(
                            try await ConsultationRepository(sql: sql).consultations(
                                visibleTo: agent, inOrganisations: organisations
                            ).map(\.reference.value))
                    }
                }
                #expect(try await visible(city.agentIDs[1], [city.organisationID]) == ["VILLE_2026", "REGION_INVITE"])
                #expect(try await visible(city.agentIDs[1], []) == ["REGION_INVITE"])
                #expect(try await visible(city.agentIDs[0], []) == ["VILLE_2026"])
                #expect(try await visible(city.agentIDs[2], []) == ["VILLE_2026"])
                #expect(try await visible(region.agentIDs[0], []) == ["REGION_2026", "REGION_INVITE"])
                #expect(try await visible(region.agentIDs[1], []) == [])
                #expect(
                    try await visible(region.agentIDs[2], [region.organisationID]) == ["REGION_2026", "REGION_INVITE"])
            }
        }

        @Test(arguments: StorageBackend.available)
        func aRowWithAnUnknownStateIsReportedNotGuessed(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let created = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).create(try data.sample(), at: 900)
                }
                let id = try #require(created.id)
                try await database.session { sql in
                    try await sql.update("consultations").set("state", to: "archivee").where("id", .equal, id).run()
                }
                await #expect(
                    throws: ConsultationStorageError.unreadableValue(
                        column: "state", value: "archivee", consultationID: id)
                ) {
                    try await database.session { sql in try await ConsultationRepository(sql: sql).find(id: id) }
                }
            }
        }
    }
}
