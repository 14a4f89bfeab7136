import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// `ConsultationRepository` on both backends: fields, lots, invitations, lifecycle, history, suites.
extension DatabaseTests {
    struct ConsultationStorageTests {
        @Test(arguments: StorageBackend.available)
        func createsAndFindsByIdentifierAndReference(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                var consultation = try data.sample()
                consultation.lots = [.init(number: 1, title: "Couverture"), .init(number: 2, title: "Étanchéité")]
                consultation.invitations = [.init(agentID: data.agentIDs[1], permanent: true)]
                consultation.modalities.envelopes = [.application, .offer]
                consultation.modalities.signature = .allowed
                consultation.dceSHA256 = String(repeating: "0f", count: 32)
                consultation.internalComment = "À publier au BOAMP"
                let saved = try await database.transaction { [consultation] sql in
                    try await ConsultationRepository(sql: sql).create(consultation, at: 900)
                }
                let id = try #require(saved.id)
                let found = try await database.session { sql in
                    let repository = ConsultationRepository(sql: sql)
                    return (
                        try await repository.find(id: id), try await repository.find(reference: "aoo_2026_001"),
                        try await repository.consultations(ofOrganisations: [data.organisationID]),
                        try await repository.consultations(ofOrganisations: [data.organisationID + 1]),
                        try await repository.history(of: id)
                    )
                }
                #expect(found.0 == saved)
                #expect(found.1 == saved)
                #expect(found.2 == [saved])
                #expect(found.3.isEmpty)
                #expect(
                    found.4 == [
                        ConsultationStateChange(from: nil, to: .elaboration, agentID: data.agentIDs[0], at: 900)
                    ])
            }
        }

        @Test(arguments: StorageBackend.available)
        func referencesAreUniqueIgnoringCaseAndChecked(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let other = try await ConsultationTestData.insert(into: database, name: "Autre ville")
                _ = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).create(try data.sample(), at: 900)
                }
                await #expect(throws: DomainError.self) {
                    try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).create(
                            try other.sample(reference: "Aoo_2026_001"), at: 900)
                    }
                }
                var invalid = try data.sample(reference: "AOO_2026_002")
                invalid.cpv = try CPVCode("90000000")
                await #expect(throws: DomainError.self) {
                    try await database.transaction { [invalid] sql in
                        try await ConsultationRepository(sql: sql).create(invalid, at: 900)
                    }
                }
                let count = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).consultations(ofOrganisations: [
                        data.organisationID, other.organisationID,
                    ]).count
                }
                #expect(count == 1)
            }
        }

        @Test(arguments: StorageBackend.available)
        func updatesOnlyInElaboration(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let saved = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).create(try data.sample(), at: 900)
                }
                let id = try #require(saved.id)
                var changed = saved
                changed.title = "Réfection complète de la toiture"
                changed.lots = [
                    .init(number: 1, title: "A"), .init(number: 2, title: "B"), .init(number: 3, title: "C"),
                ]
                changed.invitations = [.init(agentID: data.agentIDs[2])]
                changed.createdBy = data.agentIDs[1]
                changed.state = .decision
                let stranger = ConsultationActor(agentID: data.agentIDs[2])
                await #expect(throws: ConsultationError.noAccess) {
                    try await database.transaction { [changed] sql in
                        try await ConsultationRepository(sql: sql).update(changed, by: stranger, at: 950)
                    }
                }
                let updated = try await database.transaction { [changed] sql in
                    try await ConsultationRepository(sql: sql).update(changed, by: data.actor(), at: 950)
                }
                let reloaded = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).find(id: id)
                }
                #expect(reloaded == updated)
                #expect(reloaded?.title == "Réfection complète de la toiture")
                #expect(reloaded?.lots.count == 3)
                #expect(reloaded?.invitations == [.init(agentID: data.agentIDs[2])])
                #expect(reloaded?.createdBy == data.agentIDs[0])
                #expect(reloaded?.state == .elaboration)

                _ = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).transition(id, .submit, by: data.actor(), at: 1_100)
                }
                changed.title = "Trop tard"
                await #expect(throws: ConsultationError.notEditable(state: .awaitingValidation)) {
                    try await database.transaction { [changed] sql in
                        try await ConsultationRepository(sql: sql).update(changed, by: data.actor(), at: 1_200)
                    }
                }
                let title = try await database.session { sql in
                    try await ConsultationRepository(sql: sql).find(id: id)?.title
                }
                #expect(title == "Réfection complète de la toiture")
            }
        }

        @Test(arguments: StorageBackend.available)
        func everyTransitionIsRecordedAndRefusalsChangeNothing(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let created = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).create(try data.sample(), at: 900)
                }
                let id = try #require(created.id)
                let author = ConsultationActor(agentID: data.agentIDs[0], hasAccess: true)
                let validator = ConsultationActor(agentID: data.agentIDs[1], canValidate: true, hasAccess: true)
                let president = ConsultationActor(
                    agentID: data.agentIDs[2], canOpen: true, canDecide: true, hasAccess: true)
                func apply(
                    _ transition: ConsultationTransition, _ actor: ConsultationActor, _ now: Int64,
                    _ comment: String = ""
                ) async throws -> ConsultationState {
                    try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).transition(
                            id, transition, by: actor, at: now, comment: comment
                        )
                        .state
                    }
                }
                #expect(try await apply(.submit, author, 1_100) == .awaitingValidation)
                await #expect(
                    throws: ConsultationError.missingRight(action: "valider", right: "Valider les consultations")
                ) {
                    try await apply(.validate, author, 1_150)
                }
                #expect(try await apply(.returnToElaboration, validator, 1_200, "Compléter l'objet") == .elaboration)
                #expect(try await apply(.submit, author, 1_300) == .awaitingValidation)
                #expect(try await apply(.validate, validator, 1_400) == .consultation)
                await #expect(throws: ConsultationError.deadlineNotReached(deadline: 2_000)) {
                    try await apply(.open, president, 1_999)
                }
                #expect(try await apply(.open, president, 2_000) == .openingAndAnalysis)
                #expect(
                    try await apply(.decide([.init(kind: .unsuccessful, comment: "Aucune offre")]), president, 3_000)
                        == .decision)
                #expect(
                    try await apply(.resetDecision(lot: nil), president, 3_100, "Erreur de saisie")
                        == .openingAndAnalysis)
                #expect(try await apply(.decide([.init(kind: .award)]), president, 3_200) == .decision)

                let (history, decisions, state) = try await database.session { sql in
                    let repository = ConsultationRepository(sql: sql)
                    return (
                        try await repository.history(of: id), try await repository.decisions(of: id),
                        try await repository.find(id: id)?.state
                    )
                }
                #expect(state == .decision)
                #expect(decisions == [ConsultationDecision(kind: .award)])
                let a = data.agentIDs
                #expect(
                    history == [
                        .init(from: nil, to: .elaboration, agentID: a[0], at: 900),
                        .init(from: .elaboration, to: .awaitingValidation, agentID: a[0], at: 1_100),
                        .init(
                            from: .awaitingValidation, to: .elaboration, agentID: a[1], at: 1_200,
                            comment: "Compléter l'objet"),
                        .init(from: .elaboration, to: .awaitingValidation, agentID: a[0], at: 1_300),
                        .init(from: .awaitingValidation, to: .consultation, agentID: a[1], at: 1_400),
                        .init(from: .consultation, to: .openingAndAnalysis, agentID: a[2], at: 2_000),
                        .init(from: .openingAndAnalysis, to: .decision, agentID: a[2], at: 3_000),
                        .init(
                            from: .decision, to: .openingAndAnalysis, agentID: a[2], at: 3_100,
                            comment: "Erreur de saisie"),
                        .init(from: .openingAndAnalysis, to: .decision, agentID: a[2], at: 3_200),
                    ])
                let decisionRows = try await database.session { sql in
                    try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                        .from("consultation_decisions").where("consultation_id", .equal, id)
                        .first(decodingColumn: "n", as: Int64.self)
                }
                #expect(decisionRows == 2)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aSuiteIsLinkedToItsUpstreamConsultation(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let data = try await ConsultationTestData.insert(into: database)
                let actor = data.actor()
                let upstream = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).create(try data.sample(reference: "AOR_C_0611"), at: 900)
                }
                let upstreamID = try #require(upstream.id)
                let reference = try ConsultationReference("AOR_O_0611")
                for (transition, now) in [
                    (ConsultationTransition.submit, Int64(1_100)), (.validate, 1_200), (.open, 2_000),
                ] {
                    _ = try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).transition(
                            upstreamID, transition, by: actor, at: now)
                    }
                }
                await #expect(
                    throws: ConsultationError.wrongState(
                        action: "créer une suite", current: .openingAndAnalysis, expected: .decision)
                ) {
                    try await database.transaction { sql in
                        try await ConsultationRepository(sql: sql).createSuite(
                            of: upstreamID, reference: reference, by: actor, at: 2_100)
                    }
                }
                _ = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).transition(
                        upstreamID, .decide([.init(kind: .selection)]), by: actor, at: 2_200)
                }
                let suite = try await database.transaction { sql in
                    try await ConsultationRepository(sql: sql).createSuite(
                        of: upstreamID, reference: reference, by: data.actor(1), at: 2_300)
                }
                let suiteID = try #require(suite.id)
                let (stored, suites, history) = try await database.session { sql in
                    let repository = ConsultationRepository(sql: sql)
                    return (
                        try await repository.find(reference: "AOR_O_0611"), try await repository.suites(of: upstreamID),
                        try await repository.history(of: suiteID)
                    )
                }
                #expect(stored?.previousConsultationID == upstreamID)
                #expect(stored?.state == .elaboration)
                #expect(stored?.createdBy == data.agentIDs[1])
                #expect(suites.map(\.reference.value) == ["AOR_O_0611"])
                #expect(
                    history == [
                        .init(
                            from: nil, to: .elaboration, agentID: data.agentIDs[1], at: 2_300,
                            comment: "Suite de la consultation AOR_C_0611")
                    ])
            }
        }
    }
}
