import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// The points' storage and pages (issue 19 item 6), on SQLite and on PostgreSQL when the run has one: the ledger,
/// the one debit per consultation, the statements mailed once per period, the rights of every route.
extension DatabaseTests {
    struct PointsStorageTests {
        /// A new top-level entity and its administrator (every management right, « Visualiser les points » too).
        private static func entity(_ name: String, login: String, in database: Database) async throws -> Int64 {
            let (entity, _) = try await EntityBootstrap(database: database, hasher: PlatformHarness.hasher).create(
                entity: Organisation(name: name, type: .large),
                administrator: Agent(
                    organisationID: 0, civility: .madame, lastName: "Admin", firstName: name,
                    email: "\(login)@example.invalid", login: login),
                password: PlatformHarness.password)
            return try #require(entity.id)
        }

        private static func count(_ action: JournalAction, in database: Database) async throws -> Int {
            try await database.session { sql in
                try await sql.select().column("action").from("journal").where("action", .equal, action.rawValue)
                    .all().count
            }
        }

        @Test(arguments: StorageBackend.available)
        func aConsultationIsDebitedOnceWhateverTheCalls(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let entityID = try await Self.entity("Ville A", login: "admin-a", in: database)
                let other = try await Self.entity("Ville B", login: "admin-b", in: database)
                let tariff = PointsTariff(adapted: 2, formalised: 5)
                let publication = PointsService.Publication(
                    consultationID: 41, reference: "MAPA-41", entityID: entityID, serviceID: entityID,
                    use: .adapted, agentID: 1)
                let first = try await database.transaction { sql in
                    try await PointsService.debitPublication(publication, tariff: tariff, sql: sql, at: 1_000)
                }
                #expect(first?.amount == 2)
                #expect(first?.use == .adapted)
                let again = try await database.transaction { sql in
                    try await PointsService.debitPublication(publication, tariff: tariff, sql: sql, at: 2_000)
                }
                #expect(again == nil)
                // The same consultation at another tariff, or as another use, is still not debited twice.
                let repriced = try await database.transaction { sql in
                    try await PointsService.debitPublication(
                        publication, tariff: PointsTariff(adapted: 9, formalised: 9), sql: sql, at: 3_000)
                }
                #expect(repriced == nil)
                let free = try await database.transaction { sql in
                    try await PointsService.debitPublication(
                        PointsService.Publication(
                            consultationID: 42, reference: "MAPA-42", entityID: entityID, serviceID: entityID,
                            use: .adapted, agentID: 1),
                        tariff: PointsTariff(adapted: 0, formalised: 5), sql: sql, at: 3_000)
                }
                #expect(free == nil)
                try await database.transaction { sql in
                    let repository = PointsRepository(sql: sql)
                    _ = try await repository.record(
                        PointsEntry(entityID: other, kind: .credit, amount: 30, recordedAt: 500, label: "Achat"))
                    let entries = try await repository.entries(of: entityID)
                    #expect(entries.count == 1)
                    #expect(entries.first?.consultationID == 41)
                    #expect(try await repository.debit(ofConsultation: 41)?.recordedAt == 1_000)
                    #expect(try await repository.balances() == [entityID: -2, other: 30])
                    #expect(try await repository.balances(before: 1_000) == [other: 30])
                    #expect(try await repository.entries(of: entityID, before: 1_000).isEmpty)
                }
                #expect(try await Self.count(.pointsDebited, in: database) == 1)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aPeriodIsMailedOnceAndRetriedWhenNoMailLeft(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let entityID = try await Self.entity("Ville A", login: "admin-a", in: database)
                let silent = try await Self.entity("Ville B", login: "admin-b", in: database)
                // 9 December 2026, 10:00 UTC; the monthly statement covers November.
                let now = PointsLedgerTests.utc(2026, 12, 9, 10)
                try await database.transaction { sql in
                    let repository = PointsRepository(sql: sql)
                    _ = try await repository.record(
                        PointsEntry(
                            entityID: entityID, kind: .credit, amount: 40,
                            recordedAt: PointsLedgerTests.utc(2026, 11, 3), label: "Achat de 40 points"))
                    try await repository.setFrequency(.monthly, of: entityID, by: 1, at: now)
                    try await repository.setFrequency(.none, of: silent, by: 1, at: now)
                }
                let mailer = RecordingMailer()
                var mailing = PointsStatementMailing(
                    database: database, mailer: mailer, sender: "sceau@example.invalid")
                mailing.clock = { now }
                #expect(try await mailing.sendDue() == .init(statements: 1, mailsSent: 1))
                #expect(mailer.messages.map(\.to) == ["admin-a@example.invalid"])
                #expect(mailer.messages.first?.subject == "Relevé de points du 01/11/2026 au 30/11/2026")
                #expect(mailer.messages.first?.body.contains("Points acquis : 40") == true)
                #expect(try await mailing.sendDue() == .init())
                #expect(mailer.messages.count == 1)
                #expect(try await Self.count(.pointsStatementMailed, in: database) == 1)

                // Weekly: the mail fails, the claim is given up, the next run sends it, and only once.
                try await database.session { sql in
                    try await PointsRepository(sql: sql).setFrequency(.weekly, of: entityID, by: 1, at: now)
                }
                mailer.fail(true)
                #expect(try await mailing.sendDue() == .init(mailsFailed: 1))
                mailer.fail(false)
                #expect(try await mailing.sendDue() == .init(statements: 1, mailsSent: 1))
                #expect(try await mailing.sendDue() == .init())
                #expect(mailer.messages.last?.subject == "Relevé de points du 30/11/2026 au 06/12/2026")
                let claimed = try await database.session { sql in
                    try await PointsRepository(sql: sql).claimMailing(
                        of: entityID, period: StatementFrequency.weekly.lastCompletePeriod(before: now)!,
                        frequency: .weekly, at: now)
                }
                #expect(!claimed)
            }
        }

        private func postForm(_ agent: AgentClient, _ path: String, _ fields: [(String, String)]) async throws
            -> TestResponse
        {
            let body = fields.map { name, value in
                "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
            }.joined(separator: "&")
            return try await agent.send(
                .post, path, bytes: Array(body.utf8), headers: [.contentType: "application/x-www-form-urlencoded"])
        }

        @Test(arguments: StorageBackend.available)
        func thePlatformAdministratorCreditsAndTheEntitysAgentsReadTheStatement(backend: StorageBackend)
            async throws
        {
            try await PlatformHarness.run(backend) { harness, client in
                _ = try await harness.entity("Ville A", login: "admin-a")
                let villeB = try await harness.entity("Ville B", login: "admin-b")
                try await BackOfficeCast.agent(harness, login: "agent-b", service: "Voirie", in: villeB)
                let platform = try await AgentClient.signIn(client, login: "admin-a")
                let viewer = try await AgentClient.signIn(client, login: "admin-b")
                let stranger = try await AgentClient.signIn(client, login: "agent-b")
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await RequestEntityRepository(sql: sql).setPlatformAdministrator(platform.agentID, true)
                    }
                }
                // Only the platform's administrator credits.
                #expect(try await viewer.send(.get, "/espace-agent/points/crediter").status == .forbidden)
                let refused = try await postForm(
                    viewer, "/espace-agent/points/crediter",
                    [("collectivite", String(villeB)), ("points", "25"), ("libelle", "Pris")])
                #expect(refused.status == .forbidden)
                let form = try await platform.send(.get, "/espace-agent/points/crediter")
                #expect(form.status == .ok)
                #expect(String(buffer: form.body).contains("Ville B"))
                let wrong = try await postForm(
                    platform, "/espace-agent/points/crediter",
                    [("collectivite", String(villeB)), ("points", "douze"), ("libelle", "Achat")])
                #expect(wrong.status == .badRequest)
                #expect(String(buffer: wrong.body).contains("points-erreur"))
                #expect(String(buffer: wrong.body).contains("value=\"douze\""))
                let credited = try await postForm(
                    platform, "/espace-agent/points/crediter",
                    [("collectivite", String(villeB)), ("points", "25"), ("libelle", "Achat de 25 points")])
                #expect(credited.status == .seeOther)

                // The entity's agents holding « Visualiser les points » read it; the others are refused.
                for path in [
                    "/espace-agent/points", "/espace-agent/points.csv", "/espace-agent/points.pdf",
                ] {
                    #expect(try await stranger.send(.get, path).status == .forbidden, "\(path)")
                }
                #expect(
                    try await postForm(stranger, "/espace-agent/points/envoi", [("frequence", "monthly")]).status
                        == .forbidden)
                let page = try await viewer.send(.get, "/espace-agent/points?periode=0")
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                #expect(html.contains("Achat de 25 points"))
                #expect(html.contains("<strong id=\"solde-fin\">25</strong>"))
                #expect(html.contains("Solde (au "))
                let csv = try await viewer.send(.get, "/espace-agent/points.csv?periode=0")
                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: csv.body).contains(";Achat de 25 points;;;25;25\r\n"))
                let pdf = try await viewer.send(.get, "/espace-agent/points.pdf?periode=0")
                #expect(pdf.headers[.contentType] == "application/pdf")
                #expect(String(buffer: pdf.body).hasPrefix("%PDF-"))
                // The other entity's ledger is untouched.
                let mine = String(buffer: try await platform.send(.get, "/espace-agent/points?periode=0").body)
                #expect(!mine.contains("Achat de 25 points"))

                #expect(
                    try await postForm(viewer, "/espace-agent/points/envoi", [("frequence", "monthly")]).status
                        == .seeOther)
                let chosen = String(buffer: try await viewer.send(.get, "/espace-agent/points?enregistre=1").body)
                #expect(chosen.contains("<option value=\"monthly\" selected>1 fois par mois</option>"))
                #expect(
                    try await postForm(viewer, "/espace-agent/points/envoi", [("frequence", "daily")]).status
                        == .badRequest)
                let journaled = try await harness.withDatabase { database in
                    (
                        try await Self.count(.pointsCredited, in: database),
                        try await Self.count(.pointsStatementFrequencyChanged, in: database)
                    )
                }
                #expect(journaled == (1, 1))
                let space = String(buffer: try await viewer.send(.get, "/espace-agent").body)
                #expect(space.contains("id=\"solde-points\">Solde (au "))
                #expect(!String(buffer: try await stranger.send(.get, "/espace-agent").body).contains("solde-points"))
            }
        }
    }
}
