import CorePlatformAPI
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

/// « Mes alertes électroniques »: an agent ticks alerts on « Mon compte »; each alert goes to the agents who
/// follow the consultation (author, invited, ★), chose it and may still see the consultation; the clôture
/// summary leaves once, however many passes run.
extension DatabaseTests {
    struct AgentAlertTests {
        /// The agents around the scenario's consultation (its author is `admin-a`, PRM of « Ville A »).
        struct Cast {
            /// Invited on the consultation, no role: follows it and sees it.
            var invited: Int64
            /// Buyer of « Ville A » (sees every consultation of it) who has not marked this one.
            var buyer: Int64
            /// An agent of « Ville A » with no role, who marked the consultation ★ (no access: no alert).
            var starredWithoutAccess: Int64
            /// The administrator of another entity, who marked it ★ (no access: no alert).
            var stranger: Int64
        }

        static func agentID(_ login: String, _ harness: PlatformHarness) async throws -> Int64 {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try #require(try await AgentRepository(sql: sql).credentials(login: login)?.agent.id)
                }
            }
        }

        static func cast(_ scenario: DepositScenario) async throws -> Cast {
            let harness = scenario.harness
            let city = try await harness.withDatabase { database in
                try await database.session { sql in
                    try await ConsultationRepository(sql: sql).require(id: scenario.consultationID).organisationID
                }
            }
            for login in ["invite", "acheteur", "sans-acces"] {
                try await BackOfficeCast.agent(harness, login: login, service: "Service \(login)", in: city)
            }
            _ = try await harness.entity("Ville B", login: "admin-b")
            let cast = Cast(
                invited: try await agentID("invite", harness), buyer: try await agentID("acheteur", harness),
                starredWithoutAccess: try await agentID("sans-acces", harness),
                stranger: try await agentID("admin-b", harness))
            let role = try await scenario.admin.send(
                .put, "/api/agents/\(cast.buyer)/roles/\(city)", json: APIModels.Roles(roles: [.contractingAuthority]))
            try #require(role.status == .noContent)
            let now = Timestamp.now()
            try await harness.withDatabase { database in
                try await database.transaction { sql in
                    try await sql.insert(into: "consultation_invitations")
                        .columns("consultation_id", "agent_id", "permanent")
                        .values(SQLBind(scenario.consultationID), SQLBind(cast.invited), SQLBind(0)).run()
                    for agent in [cast.starredWithoutAccess, cast.stranger] {
                        try await FavouriteRepository(sql: sql).toggle(scenario.consultationID, for: agent, at: now)
                    }
                    // Everyone but the author chose every alert.
                    for agent in [cast.invited, cast.buyer, cast.starredWithoutAccess, cast.stranger] {
                        try await AgentAlertRepository(sql: sql).setKinds(
                            Set(ProcurementAlert.allCases.map(\.rawValue)), of: agent)
                    }
                }
            }
            return cast
        }

        static func email(_ login: String) -> String { "\(login)@example.invalid" }

        @Test(arguments: StorageBackend.available)
        func alertsReachTheFollowersWhoChoseThemAndMaySeeTheConsultation(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(
                backend, configure: { $0.noticeMailer = mailer },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let cast = try await Self.cast(scenario)

                    // « Mon compte »: the section lists the alerts unticked; the author ticks two of them.
                    let before = String(buffer: try await scenario.admin.send(.get, "/espace-agent/mon-compte").body)
                    #expect(before.contains("Mes alertes électroniques"))
                    #expect(before.contains("réponse électronique sur une consultation suivie"))
                    #expect(!before.contains("checked><label for=\"alerte-"))
                    let saved = try await QuestionStorageTests.post(
                        scenario.admin, "/espace-agent/mon-compte/alertes",
                        "alerte=consultation.reponse-recue&alerte=consultation.question-recue")
                    #expect(saved.status == .seeOther || saved.status == .found)
                    let after = String(buffer: try await scenario.admin.send(.get, "/espace-agent/mon-compte").body)
                    #expect(after.contains("value=\"consultation.reponse-recue\" checked"))
                    #expect(after.contains("value=\"consultation.question-recue\" checked"))
                    #expect(after.contains("value=\"consultation.cloture\">"))
                    let unknown = try await QuestionStorageTests.post(
                        scenario.admin, "/espace-agent/mon-compte/alertes", "alerte=inconnue")
                    #expect(unknown.status == .badRequest)
                    #expect(String(buffer: unknown.body).contains("Vos alertes n'ont pas été enregistrées."))

                    // A question: the author and the invited agent; not the buyer who does not follow it, nor
                    // those who marked it without access. The question's text is not in the mail.
                    let page = "/consultations-publiques/\(scenario.reference)"
                    let asked = try await QuestionStorageTests.post(
                        scenario.bidder, "\(page)/questions", "question=Secret+de+fabrication+%3F")
                    #expect(asked.status == .seeOther || asked.status == .found)
                    #expect(Set(mailer.messages.map(\.to)) == [Self.email("admin-a"), Self.email("invite")])
                    #expect(mailer.messages.count == 2)
                    let question = try #require(mailer.messages.first)
                    #expect(question.subject == "Question reçue — consultation AOO_2026_042")
                    #expect(question.body.contains("Réfection de la toiture"))
                    #expect(question.body.contains("/consultations/\(scenario.consultationID)"))
                    #expect(question.body.contains("Bâtiments Durand SARL"))
                    #expect(!question.body.contains("Secret de fabrication"))

                    // The buyer marks it ★: now a follower.
                    try await harness.withDatabase { database in
                        try await database.transaction { sql in
                            try await FavouriteRepository(sql: sql).toggle(
                                scenario.consultationID, for: cast.buyer, at: Timestamp.now())
                        }
                    }
                    // The author no longer wants the questions.
                    _ = try await QuestionStorageTests.post(
                        scenario.admin, "/espace-agent/mon-compte/alertes", "alerte=consultation.reponse-recue")
                    let second = mailer.messages.count
                    _ = try await QuestionStorageTests.post(
                        scenario.bidder, "\(page)/questions", "question=Autre+question+%3F")
                    #expect(
                        Set(mailer.messages.dropFirst(second).map(\.to))
                            == [Self.email("invite"), Self.email("acheteur")])

                    // A complete deposit: « réponse électronique reçue » to the three followers who chose it.
                    let third = mailer.messages.count
                    let deposit = try await scenario.bidder.startDeposit(scenario.reference)
                    try await scenario.bidder.upload(
                        deposit, .application, "DC1.pdf.p7m", try scenario.sealed(size: 500))
                    try await scenario.bidder.upload(deposit, .offer, "Offre.pdf.p7m", try scenario.sealed(size: 800))
                    _ = try await scenario.bidder.decode(
                        PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                    let received = Array(mailer.messages.dropFirst(third))
                    #expect(
                        Set(received.map(\.to))
                            == [Self.email("admin-a"), Self.email("invite"), Self.email("acheteur")])
                    #expect(received.count == 3)
                    #expect(
                        received.allSatisfy { $0.subject == "Réponse électronique reçue — consultation AOO_2026_042" })
                    #expect(received.allSatisfy { !$0.body.contains("Offre.pdf") && !$0.body.contains("DC1") })
                })
        }

        @Test(arguments: StorageBackend.available)
        func theClotureSummaryLeavesOnceWhateverThePasses(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(
                backend, configure: { $0.noticeMailer = mailer },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let cast = try await Self.cast(scenario)
                    let deposit = try await scenario.bidder.startDeposit(scenario.reference)
                    try await scenario.bidder.upload(
                        deposit, .application, "DC1.pdf.p7m", try scenario.sealed(size: 500))
                    try await scenario.bidder.upload(deposit, .offer, "Offre.pdf.p7m", try scenario.sealed(size: 800))
                    _ = try await scenario.bidder.decode(
                        PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                    _ = cast
                    let start = mailer.messages.count
                    try await harness.withDatabase { database in
                        let now = Timestamp.now()
                        let node = ConsultationAlerts(database: database, mailer: mailer, clock: { now })
                        // Before the deadline: nothing.
                        #expect(try await node.sendClosureSummaries() == .init())
                        try await scenario.set(deadline: now - 5)
                        // The relay is down: the claim is given back, nobody was told.
                        mailer.fail(true)
                        #expect(try await node.sendClosureSummaries() == .init(mailsFailed: 1))
                        mailer.fail(false)
                        // Two nodes at once, then again: one summary, to the invited agent only (the author did not
                        // choose it; the others have no access or do not follow).
                        let other = ConsultationAlerts(database: database, mailer: mailer, clock: { now })
                        async let first = node.sendClosureSummaries()
                        async let second = other.sendClosureSummaries()
                        let reports = try await [first, second]
                        #expect(reports.map(\.consultations).reduce(0, +) == 1)
                        #expect(try await node.sendClosureSummaries() == .init())
                    }
                    let summaries = Array(mailer.messages.dropFirst(start))
                    #expect(summaries.map(\.to) == [Self.email("invite")])
                    let summary = try #require(summaries.first)
                    #expect(summary.subject == "Clôture de la consultation AOO_2026_042")
                    #expect(summary.body.contains("1 pli(s), de :\n- Bâtiments Durand SARL"))
                    #expect(summary.body.contains("Réfection de la toiture"))
                })
        }

        @Test(arguments: StorageBackend.available)
        func aSubmissionTellsTheFollowersButNotItsAuthor(backend: StorageBackend) async throws {
            let mailer = RecordingMailer()
            try await PlatformHarness.run(
                backend, configure: { $0.noticeMailer = mailer },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    _ = try await Self.cast(scenario)
                    try await scenario.set(state: .elaboration)
                    try await harness.withDatabase { database in
                        try await database.transaction { sql in
                            try await AgentAlertRepository(sql: sql).setKinds(
                                [ProcurementAlert.awaitingValidation.rawValue], of: scenario.admin.agentID)
                        }
                    }
                    let start = mailer.messages.count
                    let submitted = try await scenario.admin.send(
                        .post, "/api/consultations/\(scenario.consultationID)/submit")
                    #expect(submitted.status == .ok)
                    let mails = Array(mailer.messages.dropFirst(start))
                    #expect(mails.map(\.to) == [Self.email("invite")])
                    #expect(mails.first?.subject == "Consultation en attente de validation — AOO_2026_042")
                })
        }
    }
}
