import PlatformKernel

/// « Statistiques » (seed 000 §3.2): the period's form, then the figures by procedure type and by service with
/// their total, the consultations by step, and the links to print and to export the table as CSV.
package struct StatisticsView: Sendable {
    package let from: String
    package let to: String
    package let fromError: String
    package let toError: String
    package let hasFromError: Bool
    package let hasToError: Bool
    package let hasError: Bool
    package let error: String
    /// Whether the figures are shown (not when the period was refused).
    package let hasFigures: Bool
    package let periodLabel: String
    package let procedures: [Row]
    package let services: [Row]
    package let total: Row
    package let states: [StateRow]
    package let csvPath: String

    package struct Row: Sendable {
        package let label: String
        package let isSubService: Bool
        /// A mark of the service's depth below the agent's organisation, hidden from screen readers.
        package let indent: String
        package let values: [String]
    }

    package struct StateRow: Sendable {
        package let label: String
        package let count: String
    }

    /// The page for `statistics` over the period typed in `query`; with `error` (the period refused), the
    /// form alone, the reason beside the field, a bound not typed showing `fallback`'s.
    package init(
        statistics: StatisticsService.Statistics?, query: [String: String], fallback: StatisticsPeriod,
        error: DomainError?
    ) {
        func typed(_ name: String) -> String { query[name] ?? "" }
        func reason(_ field: String) -> String {
            if case .invalidField(let name, let reason) = error, name == field { return reason }
            return ""
        }
        // The period read (as `aaaa-mm-jj`, what a date input takes); refused, what was typed, else the default.
        func shown(_ name: String, _ day: String?, _ fallback: String) -> String {
            if statistics != nil && error == nil { return day ?? "" }
            let value = typed(name).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? fallback : value
        }
        from = shown(StatisticsPeriod.fromField, statistics?.from, fallback.fromDay)
        to = shown(StatisticsPeriod.toField, statistics?.to, fallback.toDay)
        fromError = reason(StatisticsPeriod.fromLabel)
        toError = reason(StatisticsPeriod.toLabel)
        hasFromError = !fromError.isEmpty
        hasToError = !toError.isEmpty
        hasError = error != nil
        self.error = error?.description ?? ""
        hasFigures = statistics != nil && error == nil
        periodLabel = statistics?.periodLabel ?? ""
        func row(_ line: StatisticsService.Line) -> Row {
            Row(
                label: line.label, isSubService: line.depth > 0,
                indent: String(repeating: "· ", count: line.depth),
                values: line.figures.values.map { String($0) })
        }
        procedures = statistics?.byProcedure.map(row) ?? []
        services = statistics?.byService.map(row) ?? []
        total = Row(
            label: "Total", isSubService: false, indent: "",
            values: (statistics?.total ?? StatisticsService.Figures()).values.map { String($0) })
        states = ConsultationState.allCases.map {
            StateRow(label: $0.label, count: String(statistics?.consultationsByState[$0.rawValue] ?? 0))
        }
        var csv = "/espace-agent/statistiques.csv"
        let bounds = [(StatisticsPeriod.fromField, statistics?.from), (StatisticsPeriod.toField, statistics?.to)]
            .compactMap { name, day in day.map { "\(name)=\($0)" } }
        if !bounds.isEmpty { csv += "?" + bounds.joined(separator: "&") }
        csvPath = csv
    }

    package static func page(_ view: StatisticsView, signedIn: SignedInAgent) -> Page<StatisticsView> {
        Page(
            "statistics/statistics", title: "Statistiques", audience: .agent, section: .agentSpace,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Statistiques")],
            user: signedIn.banner, content: view)
    }
}
