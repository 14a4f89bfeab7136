import Foundation
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The tracking tables ("Tableaux de suivi"): counts aggregated by the database per state, month of filing in
/// Paris (across the summer-time changes) and teleservice, quality level; narrowed by the filters and the
/// categories the agent reads; the filters' parsing; the page's charts and the filtered CSV.
extension DatabaseTests {
    struct TrackingTests {
        static let hostile = "<script>alert(1)</script> & \"x\""

        /// The fixture plus a teleservice of the same category with a hostile name and its own commitment
        /// (5 working days, reminder 2), and one of the other category; requests moved to chosen instants.
        struct Scene {
            let f: RequestFixture
            let hostile: Teleservice
            let civil: Teleservice
            /// (filed at, state, last agent) of each request filed for `hostile`.
            let filed: [CitizenRequest]
        }

        static func scene(_ database: Database) async throws -> Scene {
            let f = try await RequestFixture.make(database)
            let hostile = try await f.catalog.createTeleservice(
                Teleservice(
                    categoryID: f.childhood, name: Self.hostile, online: true, requiresAccount: false,
                    qualityOfService: QualityOfService(maximumDays: 5, reminderDays: 2)),
                by: f.manager)
            let civil = try await f.catalog.createTeleservice(
                Teleservice(categoryID: f.civilStatus, name: "Acte de naissance", online: true, requiresAccount: false),
                by: f.administrator)
            // Instants around the month ends: 31 Jan 23:30 UTC is February in Paris (winter), 31 Mar 22:30 UTC
            // April (summer), 30 Apr 21:30 UTC still April, 31 Oct 22:30 UTC still October (winter again).
            let moves: [(Int64, RequestState, Int64?)] = [
                (Self.utc(2027, 1, 31, 23, 30), .complete, nil),
                (Self.utc(2027, 3, 31, 22, 30), .inProgress, f.instructor),
                (Self.utc(2027, 10, 31, 22, 30), .rejected, nil),
                (Self.utc(2027, 4, 30, 21, 30), .pending, f.colleague),
                (Self.utc(2027, 4, 16, 9, 0), .rectified, nil),
            ]
            var filed: [CitizenRequest] = []
            for (time, state, agent) in moves {
                let request = try await f.service.file(
                    .init(teleserviceID: hostile.id ?? 0, requesterName: "Marie Curie"))
                try await Self.move(request.id ?? 0, to: time, state: state, agent: agent, in: database)
                filed.append(request)
            }
            let other = try await f.service.file(.init(teleserviceID: civil.id ?? 0, requesterName: "Paul Petit"))
            try await Self.move(other.id ?? 0, to: RequestFixture.start, state: .pending, agent: nil, in: database)
            return Scene(f: f, hostile: hostile, civil: civil, filed: filed)
        }

        static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Int64 {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
            let date = calendar.date(
                from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
            return Int64((date ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970)
        }

        static func move(_ id: Int64, to time: Int64, state: RequestState, agent: Int64?, in database: Database)
            async throws
        {
            try await database.transaction { sql in
                var update = sql.update("citizen_requests").set("created_at", to: time).set("state", to: state.rawValue)
                if let agent { update = update.set("last_agent_id", to: agent) }
                try await update.where("id", .equal, id).run()
            }
        }

        static func rows(_ table: BackOfficeTracking.Table) -> [String] {
            table.rows.map { $0.joined(separator: "|") }
        }

        @Test(arguments: StorageBackend.available)
        func countsPerStateAndParisMonthWithinTheAgentsCategories(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let scene = try await Self.scene(database)
                let f = scene.f
                let tracking = BackOfficeTracking(service: f.service)
                // The manager reads "Enfance" only: the civil-status request is left out.
                let states = try await tracking.table(.states, for: f.manager)
                #expect(
                    Self.rows(states) == ["En attente|2", "En cours|1", "Complète|1", "Rectifiée|1", "Refusée|1"])
                let months = try await tracking.table(.teleservices, for: f.manager)
                #expect(
                    Self.rows(months)
                        == [
                            "Inscription scolaire|2027-04|1", "\(Self.hostile)|2027-02|1", "\(Self.hostile)|2027-04|3",
                            "\(Self.hostile)|2027-10|1",
                        ].sorted())
                // The administrator reads both categories; the outsider only "État civil".
                let all = try await tracking.table(.teleservices, for: f.administrator)
                #expect(Self.rows(all).contains("Acte de naissance|2027-04|1") && all.rows.count == 5)
                #expect(Self.rows(try await tracking.table(.states, for: f.outsider)) == ["En attente|1"])
                // An agent of another entity holding no right sees nothing.
                let stranger = try await database.transaction { sql in
                    let town = try await OrganisationRepository(sql: sql).create(
                        Organisation(name: "Pontoise", type: .large))
                    return try await AgentRepository(sql: sql).create(
                        Agent(
                            organisationID: town.id ?? 0, civility: .monsieur, lastName: "Autre", firstName: "Agent",
                            email: "autre@pontoise.invalid", login: "autre"),
                        passwordHash: "unused")
                }
                #expect(try await tracking.table(.states, for: stranger.id ?? 0).rows.isEmpty)
                #expect(
                    Self.rows(try await tracking.table(.quality, for: stranger.id ?? 0))
                        == ["Dans les délais|0", "Urgente|0", "En retard|0"])
                // The month chart stacks the teleservices per month, in order, its description spelling it out.
                let report = try await tracking.report(.teleservices, for: f.manager)
                #expect(report.chart.rows.map(\.label) == ["février 2027", "avril 2027", "octobre 2027"])
                #expect(report.chart.rows.map(\.total) == ["1", "4", "1"])
                #expect(report.chart.legend.map(\.name) == [Self.hostile, "Inscription scolaire"])
                #expect(report.chart.description.contains("avril 2027 : 4 (\(Self.hostile) 3, Inscription scolaire 1)"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func filtersNarrowEveryTable(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let scene = try await Self.scene(database)
                let f = scene.f
                let tracking = BackOfficeTracking(service: f.service)
                let april = TrackingFilter(from: CivilDate(2027, 4, 1), to: CivilDate(2027, 4, 30))
                #expect(
                    Self.rows(try await tracking.table(.teleservices, for: f.manager, filter: april))
                        == [
                            "Inscription scolaire|2027-04|1", "\(Self.hostile)|2027-04|3",
                        ].sorted())
                let hostile = TrackingFilter(teleserviceID: scene.hostile.id)
                #expect(
                    Self.rows(try await tracking.table(.states, for: f.manager, filter: hostile)) == [
                        "En attente|1", "En cours|1", "Complète|1", "Rectifiée|1", "Refusée|1",
                    ])
                let pending = TrackingFilter(state: .pending)
                #expect(
                    Self.rows(try await tracking.table(.states, for: f.manager, filter: pending)) == ["En attente|2"])
                let colleague = TrackingFilter(lastAgentID: f.colleague)
                #expect(
                    Self.rows(try await tracking.table(.teleservices, for: f.manager, filter: colleague)) == [
                        "\(Self.hostile)|2027-04|1"
                    ])
                // A category the agent does not read counts nothing, even asked for by its number.
                let civil = TrackingFilter(categoryID: f.civilStatus)
                #expect(try await tracking.table(.states, for: f.manager, filter: civil).rows.isEmpty)
                #expect(
                    Self.rows(try await tracking.table(.states, for: f.administrator, filter: civil)) == [
                        "En attente|1"
                    ])
                // The "Dernier agent" filter offers the agents who last worked on a request the agent reads.
                #expect(Set(try await tracking.lastAgents(for: f.manager)) == [f.instructor, f.colleague])
                #expect(try await tracking.lastAgents(for: f.outsider).isEmpty)
            }
        }

        /// The quality counts come from the database with cut-off instants; each day of six weeks they must
        /// match the task board's rule applied request by request.
        @Test(arguments: StorageBackend.available)
        func qualityCountsMatchTheTaskBoardsRuleDayAfterDay(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let scene = try await Self.scene(database)
                let f = scene.f
                let tracking = BackOfficeTracking(service: f.service)
                let requests = try await database.session { sql in
                    try await CitizenRequestRepository(sql: sql).search(RequestSearch(limit: 200), in: nil)
                }
                let teleservices = [f.teleservice, scene.hostile, scene.civil]
                var seen: Set<QualityLevel> = []
                for day in 0..<42 {
                    f.clock.set(Self.utc(2027, 4, 1, 10, 0) + Int64(day) * 86_400)
                    var expected: [QualityLevel: Int] = [:]
                    for request in requests where request.categoryID == f.childhood {
                        guard let teleservice = teleservices.first(where: { $0.id == request.teleserviceID }),
                            let level = f.service.quality(of: request, teleservice: teleservice, at: f.clock.now)
                        else { continue }
                        expected[level, default: 0] += 1
                        seen.insert(level)
                    }
                    let table = try await tracking.table(.quality, for: f.manager)
                    #expect(
                        Self.rows(table) == QualityLevel.allCases.map { "\($0.label)|\(expected[$0] ?? 0)" },
                        "day \(day)")
                }
                #expect(seen == Set(QualityLevel.allCases))
                // A state filter outside those awaiting an agent leaves no request to measure.
                let closed = try await tracking.table(
                    .quality, for: f.manager, filter: TrackingFilter(state: .complete))
                #expect(Self.rows(closed) == ["Dans les délais|0", "Urgente|0", "En retard|0"])
            }
        }

        @Test func filtersAreParsedAndRefusedBesideTheirField() throws {
            #expect(try TrackingFilter(TrackingFilter.Query()).isEmpty)
            #expect(try TrackingFilter(TrackingFilter.Query(du: " ", teleservice: "")).isEmpty)
            let full = try TrackingFilter(
                TrackingFilter.Query(
                    du: "2027-04-01", au: "2027-04-30", categorie: "3", teleservice: "4", etat: "pending", agent: "7"))
            #expect(
                full
                    == TrackingFilter(
                        from: CivilDate(2027, 4, 1), to: CivilDate(2027, 4, 30), categoryID: 3, teleserviceID: 4,
                        state: .pending, lastAgentID: 7))
            #expect(full.query == "du=2027-04-01&au=2027-04-30&categorie=3&teleservice=4&etat=pending&agent=7")
            #expect(
                try TrackingFilter(TrackingFilter.Query(du: "2027-04-30", au: "2027-04-30")).to
                    == CivilDate(2027, 4, 30))
            func refusal(_ query: TrackingFilter.Query) -> FormError? {
                do {
                    _ = try TrackingFilter(query)
                    return nil
                } catch {
                    return FormError.refusal(error, fields: TrackingFilter.fieldIDs)?.error
                }
            }
            let backwards = refusal(TrackingFilter.Query(du: "2027-04-30", au: "2027-04-01"))
            #expect(backwards?.field == "au")
            #expect(backwards?.reason == "saisissez une date de fin postérieure ou égale à la date de début.")
            #expect(refusal(TrackingFilter.Query(du: "31/04/2027"))?.field == "du")
            #expect(refusal(TrackingFilter.Query(au: "2027-02-30"))?.field == "au")
            #expect(refusal(TrackingFilter.Query(etat: "perdue"))?.field == "etat")
            #expect(refusal(TrackingFilter.Query(teleservice: "x"))?.field == "teleservice")
            #expect(refusal(TrackingFilter.Query(categorie: "-2"))?.field == "categorie")
            #expect(refusal(TrackingFilter.Query(agent: "1e3"))?.field == "agent")
        }

        @Test(arguments: StorageBackend.available)
        func thePageDrawsEscapedChartsAndTheCSVFollowsTheFilters(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let cast = try await BackOfficeCast.make(harness, client)
                let teleservice = try await cast.teleservice(Self.hostile, in: harness, requiresAccount: false)
                let other = try await cast.teleservice("Acte de naissance", in: harness, requiresAccount: false)
                try await harness.withDatabase { database in
                    let service = CitizenRequestService(database: database)
                    for id in [teleservice.id, teleservice.id, other.id] {
                        _ = try await service.file(.init(teleserviceID: id ?? 0, requesterName: "Marie Curie"))
                    }
                }
                let id = teleservice.id ?? 0
                let page = try await cast.manager.send(.get, "/espace-agent/demarches/suivi?teleservice=\(id)&etat=")
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"
                #expect(!html.contains("<script>alert(1)"))
                #expect(html.components(separatedBy: "<svg class=\"chart__svg\"").count == 4)
                #expect(
                    html.contains("role=\"img\" aria-labelledby=\"graphique-etats-titre graphique-etats-description\""))
                #expect(html.contains("<text class=\"chart__text\" x=\"32\" y=\"79\">\(escaped)</text>"))
                #expect(html.contains("<option value=\"\(id)\" selected>\(escaped)</option>"))
                #expect(html.contains("href=\"/espace-agent/demarches/suivi/etats.csv?teleservice=\(id)\""))
                #expect(html.contains("Filtres : téléservice « \(escaped) ».") && html.contains("class=\"print-only\""))
                #expect(!html.contains("style="))
                let csv = try await cast.manager.send(
                    .get, "/espace-agent/demarches/suivi/teleservices.csv?teleservice=\(id)")
                #expect(csv.status == .ok)
                let month = CivilDate(parisTime: Int64(Date().timeIntervalSince1970))
                let label = String(format: "%04d-%02d", month.year, month.month)
                // The CSV defuses nothing here (no formula), and holds only the filtered teleservice.
                #expect(String(buffer: csv.body).contains(";\(label);2\r\n"))
                #expect(!String(buffer: csv.body).contains("Acte de naissance"))
                let unfiltered = try await cast.manager.send(.get, "/espace-agent/demarches/suivi/etats.csv")
                #expect(String(buffer: unfiltered.body) == "\u{FEFF}État;Nombre\r\nEn attente;3\r\n")
                // An end before the start: 400, the reason beside the field, no table.
                let refused = try await cast.manager.send(
                    .get, "/espace-agent/demarches/suivi?du=2027-05-01&au=2027-04-01")
                #expect(refused.status == .badRequest)
                let refusedHTML = String(buffer: refused.body)
                #expect(
                    refusedHTML.contains(
                        "<p class=\"field__error\" id=\"au-erreur\">saisissez une date de fin postérieure ou égale à la date de début.</p>"
                    ))
                #expect(!refusedHTML.contains("chart__svg"))
                let refusedCSV = try await cast.manager.send(.get, "/espace-agent/demarches/suivi/etats.csv?au=demain")
                #expect(refusedCSV.status == .badRequest)
                // Another entity's agent: empty tables, no chart of Cergy's teleservices.
                let stranger = String(buffer: try await cast.stranger.send(.get, "/espace-agent/demarches/suivi").body)
                #expect(!stranger.contains("alert(1)") && !stranger.contains("Acte de naissance"))
            }
        }
    }
}
