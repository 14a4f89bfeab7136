import PlatformKernel
import SQLKit

/// The back office's tracking tables ("Tableaux de suivi"), over the categories the agent reads and narrowed
/// by a ``TrackingFilter``: requests by state, by teleservice and month of filing, by quality of service; each
/// with its chart (``SVGChart``) and its CSV export, the same numbers in all three.
package struct BackOfficeTracking: Sendable {
    package let service: CitizenRequestService

    package init(service: CitizenRequestService) {
        self.service = service
    }

    /// A table: a title, a header and its rows, as the page and the CSV show them.
    package struct Table: Sendable, Equatable {
        package let title: String
        package let header: [String]
        package let rows: [[String]]

        package init(title: String, header: [String], rows: [[String]]) {
            self.title = title
            self.header = header
            self.rows = rows
        }

        package var csv: String {
            var csv = CSV(header: header)
            for row in rows { csv.append(row) }
            return csv.text
        }
    }

    package enum Kind: String, CaseIterable, Sendable {
        case states = "etats"
        case teleservices
        case quality = "qualite"

        package var title: String {
            switch self {
            case .states: "Demandes par état"
            case .teleservices: "Demandes par téléservice et par mois"
            case .quality: "Demandes en attente d'instruction par qualité de service"
            }
        }

        /// The seed's words for each view ("Tableaux de suivi").
        package var explanation: String {
            switch self {
            case .states: "Vue indiquant les états des différentes demandes formulées par les citoyens."
            case .teleservices:
                "Vue des différents types de demandes formulées par les citoyens, compte rendu mois par mois."
            case .quality:
                "Vue des demandes ayant la qualité de service mise en œuvre : en attente d'un agent (en attente, "
                    + "en cours, rectifiée), dans les délais, urgentes ou en retard selon les alertes de leur téléservice."
            }
        }

        var header: [String] {
            switch self {
            case .states: ["État", "Nombre"]
            case .teleservices: ["Téléservice", "Mois", "Nombre"]
            case .quality: ["Qualité de service", "Nombre"]
            }
        }
    }

    /// A table with its chart.
    package struct Report: Sendable {
        package let kind: Kind
        package let table: Table
        package let chart: SVGChart
    }

    package func table(_ kind: Kind, for agentID: Int64, filter: TrackingFilter = TrackingFilter()) async throws
        -> Table
    {
        try await report(kind, for: agentID, filter: filter).table
    }

    package func report(_ kind: Kind, for agentID: Int64, filter: TrackingFilter = TrackingFilter()) async throws
        -> Report
    {
        try await service.database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            let categories = rights.readableCategories
            let repository = TrackingRepository(sql: sql)
            let teleservices = try await RequestCatalogRepository(sql: sql).teleservices(in: categories)
            switch kind {
            case .states:
                return Self.states(try await repository.countsByState(filter, in: categories))
            case .teleservices:
                let names = Dictionary(
                    teleservices.map { ($0.id ?? 0, $0.name) }, uniquingKeysWith: { first, _ in first })
                return Self.months(try await repository.countsByMonth(filter, in: categories), names: names)
            case .quality:
                let today = CivilDate(parisTime: service.now())
                let chosen = teleservices.filter { filter.teleserviceID == nil || $0.id == filter.teleserviceID }
                var counts: [QualityLevel: Int] = [:]
                // The teleservices sharing one commitment are counted in one query.
                let groups = Dictionary(grouping: chosen) { teleservice -> [Int] in
                    let quality = teleservice.effectiveQualityOfService(platform: service.settings.qualityOfService)
                    return [quality.maximumDays, quality.reminderDays]
                }
                for (key, members) in groups {
                    let cutoffs = Self.cutoffs(
                        QualityOfService(maximumDays: key[0], reminderDays: key[1]), today: today)
                    let found = try await repository.countsByQuality(
                        filter, in: categories, teleservices: members.compactMap(\.id), lateBefore: cutoffs.late,
                        urgentBefore: cutoffs.urgent)
                    counts.merge(found, uniquingKeysWith: +)
                }
                return Self.quality(counts)
            }
        }
    }

    /// The agents the "Dernier agent intervenu" filter offers: those who last worked on a request the agent
    /// reads.
    package func lastAgents(for agentID: Int64) async throws -> [Int64] {
        try await service.database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            return try await TrackingRepository(sql: sql).lastAgents(in: rights.readableCategories)
        }
    }

    // MARK: Tables and charts from the counts

    static func states(_ counts: [String: Int]) -> Report {
        let kind = Kind.states
        let present = RequestState.allCases.compactMap { state in counts[state.rawValue].map { (state, $0) } }
        return Report(
            kind: kind,
            table: Table(title: kind.title, header: kind.header, rows: present.map { [$0.0.label, String($0.1)] }),
            chart: SVGChart(
                id: "graphique-\(kind.rawValue)", title: kind.title,
                summary: "Diagramme en barres du nombre de demandes par état :",
                series: [SVGChart.Series(name: "Demandes", style: .series(0))],
                bars: present.map { SVGChart.Bar(label: $0.0.label, values: [(series: 0, value: $0.1)]) },
                showsLegend: false))
    }

    static func months(_ counts: [TrackingRepository.MonthCount], names: [Int64: String]) -> Report {
        let kind = Kind.teleservices
        func name(_ id: Int64) -> String { names[id] ?? "Téléservice n° \(id)" }
        let rows = counts.sorted { (name($0.teleserviceId), $0.month) < (name($1.teleserviceId), $1.month) }
        // One series per teleservice (by name), one bar per month (in order), stacked.
        let teleservices = Array(Set(counts.map(\.teleserviceId))).sorted { (name($0), $0) < (name($1), $1) }
        let index = Dictionary(uniqueKeysWithValues: teleservices.enumerated().map { ($1, $0) })
        let months = Array(Set(counts.map(\.month))).sorted()
        let bars = months.map { month in
            SVGChart.Bar(
                label: Self.monthLabel(month),
                values: counts.filter { $0.month == month }
                    .map { (series: index[$0.teleserviceId] ?? 0, value: Int($0.n)) }.sorted { $0.series < $1.series })
        }
        return Report(
            kind: kind,
            table: Table(
                title: kind.title, header: kind.header,
                rows: rows.map { [name($0.teleserviceId), $0.month, String($0.n)] }),
            chart: SVGChart(
                id: "graphique-\(kind.rawValue)", title: kind.title,
                summary:
                    "Barres empilées du nombre de demandes par mois de dépôt, une couleur et un motif par téléservice :",
                series: teleservices.enumerated().map { SVGChart.Series(name: name($1), style: .series($0)) },
                bars: bars, showsLegend: true))
    }

    static func quality(_ counts: [QualityLevel: Int]) -> Report {
        let kind = Kind.quality
        let styles: [QualityLevel: SVGChart.Style] = [.onTime: .onTime, .urgent: .urgent, .late: .late]
        let levels = QualityLevel.allCases
        return Report(
            kind: kind,
            table: Table(
                title: kind.title, header: kind.header, rows: levels.map { [$0.label, String(counts[$0] ?? 0)] }),
            chart: SVGChart(
                id: "graphique-\(kind.rawValue)", title: kind.title,
                summary: "Diagramme en barres des demandes en attente d'instruction par qualité de service :",
                series: levels.map { SVGChart.Series(name: $0.label, style: styles[$0] ?? .series(0)) },
                bars: levels.enumerated().map {
                    SVGChart.Bar(label: $1.label, values: [(series: $0, value: counts[$1] ?? 0)])
                },
                showsLegend: false))
    }

    /// `2027-04` as "avril 2027".
    static func monthLabel(_ month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let number = Int(parts[1]), (1...12).contains(number) else { return month }
        return "\(monthNames[number - 1]) \(parts[0])"
    }

    static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
        "décembre",
    ]

    /// When a request awaiting an agent under `quality` turns late and urgent, as instants: filed before
    /// `late` it is late today, before `urgent` urgent (Paris days, working days counted as on the task board).
    static func cutoffs(_ quality: QualityOfService, today: CivilDate) -> (late: Int64, urgent: Int64) {
        func firstDayAfterLatest(_ level: QualityLevel) -> Int64 {
            let rank = QualityLevel.allCases.firstIndex(of: level) ?? 0
            var day = today
            // The level only rises as the filing day goes back; ten years back is beyond any commitment.
            for _ in 0..<3660 {
                let found = quality.level(filed: day, today: today)
                if (QualityLevel.allCases.firstIndex(of: found) ?? 0) >= rank {
                    return CitizenRequestRepository.parisStart(of: day.adding(days: 1))
                }
                day = day.adding(days: -1)
            }
            return 0
        }
        return (firstDayAfterLatest(.late), firstDayAfterLatest(.urgent))
    }
}
