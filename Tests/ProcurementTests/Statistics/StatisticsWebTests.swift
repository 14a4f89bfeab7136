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
@testable import Requests

/// « Statistiques » through its routes, on both backends: counts by procedure type and by service over a
/// period (bounds included to the second), the JSON API with and without a period, the CSV export, the
/// right « Visualiser les statistiques » checked on every route, and another entity seeing none of it.
extension DatabaseTests {
    struct StatisticsWebTests {
        private static func paris(_ text: String) throws -> Int64 { try ParisTime.parse(text, field: "test") }

        /// Three consultations of the service: STAT-A and STAT-B (« Appel d'offres ouvert ») created on the
        /// first and the last second of 2026, STAT-C (« Procédure adaptée ») created in 2025; then events dated
        /// on each side of the year's bounds.
        private static func seed(_ harness: PlatformHarness, ids: [String: Int64]) async throws {
            let (a, b, c) = (try #require(ids["STAT-A"]), try #require(ids["STAT-B"]), try #require(ids["STAT-C"]))
            let start = try paris("01/01/2026 00:00")
            let end = try paris("01/01/2027 00:00")
            try await harness.withDatabase { database in
                try await database.session { sql in
                    let history = "consultation_state_history"
                    for (id, at) in [(a, start), (b, end - 1), (c, try paris("15/06/2025 12:00"))] {
                        try await sql.update(history).set("at", to: at).where("consultation_id", .equal, id)
                            .where("from_state", .is, SQLLiteral.null).run()
                    }
                    let agent = try #require(
                        try await sql.select().column("created_by").from("consultations").where("id", .equal, a)
                            .first(decodingColumn: "created_by", as: Int64.self))
                    try await sql.insert(into: history)
                        .columns("consultation_id", "from_state", "to_state", "agent_id", "at", "comment")
                        .values(
                            SQLBind(a), SQLBind("attente-validation"), SQLBind("consultation"), SQLBind(agent),
                            SQLBind(try paris("01/03/2026 10:00")), SQLBind("")
                        ).run()
                    try await sql.insert(into: "companies").columns("name", "siret", "address", "created_at")
                        .values(SQLBind("Bâtiments Durand"), SQLBind("73282932000074"), SQLBind("Lyon"), SQLBind(start))
                        .run()
                    let company = try #require(
                        try await sql.select().column("id").from("companies").first(
                            decodingColumn: "id", as: Int64.self))
                    try await sql.insert(into: "bidders")
                        .columns(
                            "company_id", "civility", "last_name", "first_name", "email", "login", "password_hash",
                            "created_at"
                        )
                        .values(
                            SQLBind(company), SQLBind("M."), SQLBind("Durand"), SQLBind("Paul"),
                            SQLBind("paul@example.invalid"), SQLBind("durand"), SQLBind("x"), SQLBind(start)
                        ).run()
                    let bidder = try #require(
                        try await sql.select().column("id").from("bidders").first(decodingColumn: "id", as: Int64.self))
                    let deposits: [(Int64, Deposit.State, Int64)] = [
                        (a, .complete, try paris("01/02/2026 09:00")), (a, .superseded, try paris("31/01/2026 09:00")),
                        (c, .complete, end), (b, .uploading, try paris("02/02/2026 09:00")),
                    ]
                    for (id, state, at) in deposits {
                        try await sql.insert(into: "deposits")
                            .columns(
                                "consultation_id", "company_id", "bidder_id", "state", "started_at", "completed_at"
                            )
                            .values(
                                SQLBind(id), SQLBind(company), SQLBind(bidder), SQLBind(state.rawValue), SQLBind(at),
                                state == .uploading ? SQLLiteral.null as any SQLExpression : SQLBind(at)
                            ).run()
                    }
                    for (id, at) in [(b, try paris("05/05/2026 08:00")), (b, start - 1)] {
                        try await sql.insert(into: "dce_downloads").columns("consultation_id", "downloaded_at")
                            .values(SQLBind(id), SQLBind(at)).run()
                    }
                    try await sql.insert(into: "consultation_questions")
                        .columns("consultation_id", "company_id", "bidder_id", "text", "asked_at")
                        .values(
                            SQLBind(a), SQLBind(company), SQLBind(bidder), SQLBind("Le DCE est-il complet ?"),
                            SQLBind(try paris("04/04/2026 11:00"))
                        ).run()
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func figuresByProcedureAndServiceOverThePeriod(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let fixture = try await ConsultationWebFixture.make(harness, client, roles: ["buyer": [.buyer]])
                let buyer = try fixture["buyer"]
                var ids: [String: Int64] = [:]
                for reference in ["STAT-A", "STAT-B", "STAT-C"] {
                    var input = fixture.input(reference: reference)
                    if reference == "STAT-C" { input.procedureType = .adapted }
                    ids[reference] = try await buyer.decode(
                        APIModels.ConsultationView.self, .post, "/api/consultations", json: input, status: .created
                    ).id
                }
                try await Self.seed(harness, ids: ids)
                typealias Statistics = StatisticsService.Statistics
                let admin = fixture.admin

                // 2026: A and B created (on the bounds), A put online, one complete deposit (the one of 2027
                // and the upload in progress do not count), one withdrawal, one question.
                let year = try await admin.decode(Statistics.self, .get, "/api/statistics?du=2026-01-01&au=2026-12-31")
                let expected = StatisticsService.Figures(
                    consultations: 2, published: 1, completeDeposits: 1, dceDownloads: 1, questions: 1)
                #expect(year.from == "2026-01-01" && year.to == "2026-12-31")
                #expect(year.total == expected)
                #expect(year.consultationsByState == ["elaboration": 2])
                #expect(year.supersededDeposits == 1)
                let procedures = Dictionary(uniqueKeysWithValues: year.byProcedure.map { ($0.key, $0.figures) })
                #expect(procedures[ProcedureType.openTender.rawValue] == expected)
                #expect(procedures[ProcedureType.adapted.rawValue] == StatisticsService.Figures())
                #expect(year.byProcedure.count == ProcedureType.allCases.count)
                #expect(year.byService.map(\.label) == ["Ville A", "Achats Ville A"])
                #expect(year.byService.map(\.depth) == [0, 1])
                #expect(year.byService.map(\.figures) == [StatisticsService.Figures(), expected])

                // 2025: only C's creation and B's withdrawal of 31/12/2025 23:59:59.
                let before = try await admin.decode(
                    Statistics.self, .get, "/api/statistics?du=01/01/2025&au=31/12/2025")
                #expect(before.total == StatisticsService.Figures(consultations: 1, dceDownloads: 1))
                #expect(
                    before.byProcedure.first { $0.key == ProcedureType.adapted.rawValue }?.figures.consultations == 1)
                // No period: everything, as the route always answered.
                let all = try await admin.decode(Statistics.self, .get, "/api/statistics")
                #expect(all.from == nil && all.to == nil)
                #expect(all.consultationsByState == ["elaboration": 3])
                #expect(all.completeDeposits == 2 && all.dceDownloads == 2)
                #expect(all.total.consultations == 3)
                let inverted = try await admin.send(.get, "/api/statistics?du=2026-12-31&au=2026-01-01")
                #expect(inverted.status == .badRequest)

                // The page and its CSV.
                let page = try await admin.page("/espace-agent/statistiques?du=2026-01-01&au=2026-12-31")
                #expect(page.contains("du 01/01/2026 au 31/12/2026"))
                #expect(
                    page.contains(
                        "<th scope=\"row\">Appel d&#39;offres ouvert</th><td class=\"num\">2</td><td class=\"num\">1</td>"
                    ))
                #expect(page.contains("/espace-agent/statistiques.csv?du=2026-01-01&amp;au=2026-12-31"))
                #expect(page.contains("data-print"))
                let csv = try await admin.send(.get, "/espace-agent/statistiques.csv?du=2026-01-01&au=2026-12-31")
                #expect(csv.status == .ok)
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.headers[.contentDisposition]?.contains("statistiques-2026-01-01-2026-12-31.csv") == true)
                let text = String(buffer: csv.body)
                #expect(text.hasPrefix("\u{FEFF}Période;Répartition;Libellé;Consultations créées;"))
                #expect(
                    text.contains("du 01/01/2026 au 31/12/2026;Type de procédure;Appel d'offres ouvert;2;1;1;1;1\r\n"))
                #expect(text.contains("du 01/01/2026 au 31/12/2026;Type de procédure;Procédure adaptée;0;0;0;0;0\r\n"))
                #expect(text.contains(";Service;Achats Ville A;2;1;1;1;1\r\n"))
                #expect(text.hasSuffix(";Total;Total;2;1;1;1;1\r\n"))
                // The page's default is the current year; wrong dates are refused beside their field.
                let current = StatisticsPeriod.year(of: Timestamp.now())
                #expect(try await admin.page("/espace-agent/statistiques").contains("value=\"\(current.fromDay)\""))
                let wrong = try await admin.send(.get, "/espace-agent/statistiques?du=2026-13-40")
                #expect(wrong.status == .badRequest)
                #expect(String(buffer: wrong.body).contains("id=\"du-erreur\""))
                // The bound not typed keeps the current year's.
                #expect(String(buffer: wrong.body).contains("value=\"\(current.toDay)\""))
                #expect(!String(buffer: wrong.body).contains("id=\"par-procedure\""))
                let upside = try await admin.send(.get, "/espace-agent/statistiques?du=2026-12-31&au=2026-01-01")
                #expect(String(buffer: upside.body).contains("id=\"au-erreur\""))
                #expect(String(buffer: upside.body).contains("inversez les dates"))
                #expect(try await admin.page("/espace-agent").contains("href=\"/espace-agent/statistiques\""))

                // Without the right: refused everywhere, even with a wrong period; no card in the space.
                for uri in [
                    "/api/statistics", "/api/statistics?du=2026-01-01", "/espace-agent/statistiques",
                    "/espace-agent/statistiques?du=nimporte", "/espace-agent/statistiques.csv",
                ] {
                    let refused = try await buyer.send(.get, uri)
                    #expect(refused.status == .forbidden, "\(uri)")
                    #expect(String(buffer: refused.body).contains("Visualiser les statistiques"), "\(uri)")
                }
                #expect(!(try await buyer.page("/espace-agent").contains("/espace-agent/statistiques")))

                // Another entity's administrator counts only their own (none).
                _ = try await harness.entity("Ville B", login: "admin-b")
                let other = try await AgentClient.signIn(client, login: "admin-b")
                let theirs = try await other.decode(Statistics.self, .get, "/api/statistics")
                #expect(theirs.total == StatisticsService.Figures())
                #expect(theirs.byService.map(\.label) == ["Ville B"])
            }
        }
    }
}
