import PlatformKernel

/// "Suivi des demandes" ("Tableaux de suivi"): the filters in a GET form, then each tracking table with its
/// chart (the `web/svg-chart` partial) and its CSV export, both narrowed by the same filters.
package struct TrackingView: Sendable {
    package let menu: BackOfficeMenu
    package let error: FormError?
    package let filters: [FormField]
    /// The filters in words, printed in place of the form (hidden on paper).
    package let filterSummary: String
    package let tables: [Table]

    package init(menu: BackOfficeMenu, error: FormError?, filters: [FormField], filterSummary: String, tables: [Table])
    {
        self.menu = menu
        self.error = error
        self.filters = filters
        self.filterSummary = filterSummary
        self.tables = tables
    }

    package struct Table: Sendable {
        package let id: String
        package let title: String
        package let explanation: String
        package let csvPath: String
        package let header: [Column]
        package let rows: [Row]
        package let hasRows: Bool
        package let chart: SVGChart

        package init(
            id: String, title: String, explanation: String, csvPath: String, header: [Column], rows: [Row],
            hasRows: Bool, chart: SVGChart
        ) {
            self.id = id
            self.title = title
            self.explanation = explanation
            self.csvPath = csvPath
            self.header = header
            self.rows = rows
            self.hasRows = hasRows
            self.chart = chart
        }
    }

    package struct Column: Sendable {
        package let label: String
        package let sort: String
        package let numeric: Bool

        package init(label: String, sort: String, numeric: Bool) {
            self.label = label
            self.sort = sort
            self.numeric = numeric
        }
    }

    package struct Row: Sendable {
        package let cells: [Cell]

        package init(cells: [Cell]) {
            self.cells = cells
        }
    }

    package struct Cell: Sendable {
        package let text: String
        package let numeric: Bool

        package init(text: String, numeric: Bool) {
            self.text = text
            self.numeric = numeric
        }
    }

    /// What the filters' lists offer: the agent's categories and teleservices, the last agents by name.
    package struct Choices: Sendable {
        package let categories: [RequestCategory]
        package let teleservices: [Teleservice]
        package let agents: [(id: Int64, name: String)]

        package init(categories: [RequestCategory], teleservices: [Teleservice], agents: [(id: Int64, name: String)]) {
            self.categories = categories
            self.teleservices = teleservices
            self.agents = agents
        }
    }

    /// The page; `reports` is empty when the filters were refused (`error`).
    package static func page(
        signedIn: SignedInAgent, query: TrackingFilter.Query, filter: TrackingFilter, choices: Choices,
        reports: [BackOfficeTracking.Report], error: FormError?
    ) -> Page<TrackingView> {
        func select(_ id: String, _ label: String, _ pairs: [(String, String)], _ value: String?, all: String)
            -> FormField
        {
            FormField(
                id: id, name: id, label: label,
                control: .select(SelectOption.list(pairs, selected: value, placeholder: all)), error: error?.on(id))
        }
        let filters = [
            FormField(
                id: "du", name: "du", label: "Déposée du", value: query.du ?? "", control: .input(type: "date"),
                error: error?.on("du")),
            FormField(
                id: "au", name: "au", label: "Déposée au", value: query.au ?? "", control: .input(type: "date"),
                error: error?.on("au")),
            select(
                "categorie", "Catégorie de services", choices.categories.map { (String($0.id ?? 0), $0.name) },
                query.categorie, all: "Toutes"),
            select(
                "teleservice", "Téléservice", choices.teleservices.map { (String($0.id ?? 0), $0.name) },
                query.teleservice, all: "Tous"),
            select(
                "etat", "État de la demande", RequestState.allCases.map { ($0.rawValue, $0.label) }, query.etat,
                all: "Tous"),
            select(
                "agent", "Dernier agent intervenu", choices.agents.map { (String($0.id), $0.name) }, query.agent,
                all: "Tous"),
        ]
        let suffix = filter.query.isEmpty ? "" : "?" + filter.query
        let tables = reports.map { report in
            let table = report.table
            let numeric = table.header.indices.map { index in
                !table.rows.isEmpty && table.rows.allSatisfy { index < $0.count && Int($0[index]) != nil }
            }
            return Table(
                id: report.kind.rawValue, title: table.title, explanation: report.kind.explanation,
                csvPath: "\(BackOffice.root)/suivi/\(report.kind.rawValue).csv\(suffix)",
                header: table.header.enumerated().map { index, label in
                    Column(label: label, sort: numeric[index] ? "number" : "text", numeric: numeric[index])
                },
                rows: table.rows.map { row in
                    Row(
                        cells: row.enumerated().map { index, text in
                            Cell(text: text, numeric: index < numeric.count && numeric[index])
                        })
                },
                hasRows: !table.rows.isEmpty, chart: report.chart)
        }
        return BackOffice.page(
            "tracking", title: "Suivi des demandes", signedIn: signedIn, trail: [Breadcrumb("Suivi des demandes")],
            content: TrackingView(
                menu: BackOfficeMenu(.tracking), error: error, filters: filters,
                filterSummary: summary(filter, choices: choices), tables: tables))
    }

    /// "Filtres : déposées du 01/04/2027 au 30/04/2027, téléservice « … »", or that there is none.
    static func summary(_ filter: TrackingFilter, choices: Choices) -> String {
        var parts: [String] = []
        switch (filter.from, filter.to) {
        case (let from?, let to?): parts.append("déposées du \(from.french) au \(to.french)")
        case (let from?, nil): parts.append("déposées depuis le \(from.french)")
        case (nil, let to?): parts.append("déposées jusqu'au \(to.french)")
        case (nil, nil): break
        }
        if let id = filter.categoryID {
            parts.append("catégorie « \(choices.categories.first { $0.id == id }?.name ?? "n° \(id)") »")
        }
        if let id = filter.teleserviceID {
            parts.append("téléservice « \(choices.teleservices.first { $0.id == id }?.name ?? "n° \(id)") »")
        }
        if let state = filter.state { parts.append("état « \(state.label) »") }
        if let id = filter.lastAgentID {
            parts.append("dernier agent « \(choices.agents.first { $0.id == id }?.name ?? "n° \(id)") »")
        }
        return parts.isEmpty
            ? "Filtres : aucun, toutes les demandes." : "Filtres : " + parts.joined(separator: ", ") + "."
    }
}
