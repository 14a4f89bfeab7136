import PlatformKernel

/// « Tableau de bord » (« Mes consultations »): the search form, then the consultations with their ★, step,
/// intitulé and objet, registers' counters and the links of their suites both ways.
package struct DashboardView: Sendable {
    package let canCreate: Bool
    package let csrfToken: String
    /// This page with its search, where the ★ toggle comes back to.
    package let returnPath: String
    package let form: SearchForm
    package let rows: [Row]
    package let hasRows: Bool
    package let count: String
    package let isFiltering: Bool
    package let hasError: Bool
    package let error: String

    package struct Option: Sendable {
        package let value: String
        package let label: String
        package let selected: Bool
    }

    package struct SearchForm: Sendable {
        package let reference: String
        package let text: String
        package let states: [Option]
        package let procedures: [Option]
        package let services: [Option]
        package let deadlineFrom: String
        package let deadlineTo: String
        package let onlineFrom: String
        package let onlineTo: String
        package let favouritesOnly: Bool
        /// The refusal beside the field it names.
        package let stateError: String
        package let procedureError: String
        package let serviceError: String
        package let dateError: String
        package let hasStateError: Bool
        package let hasProcedureError: Bool
        package let hasServiceError: Bool
        package let hasDateError: Bool
    }

    package struct Register: Sendable {
        package let label: String
        package let count: String
        package let hasPath: Bool
        package let path: String
        package let hasCSV: Bool
        package let csvPath: String
    }

    package struct Link: Sendable {
        package let reference: String
        package let path: String
    }

    package struct Row: Sendable {
        package let reference: String
        package let path: String
        package let isFavourite: Bool
        package let isAutomaticFavourite: Bool
        package let isChosenFavourite: Bool
        package let favouriteAction: String
        package let favouriteButton: String
        package let procedure: String
        package let state: String
        package let stateTone: String
        package let title: String
        package let object: String
        package let service: String
        package let deadline: String
        package let registers: [Register]
        package let hasUpstream: Bool
        package let upstream: [Link]
        package let hasDownstream: Bool
        package let downstream: [Link]
    }

    package init(
        lines: [DashboardLine], services: [(id: Int64, name: String)], query: [String: String],
        search: DashboardSearch, canCreate: Bool, csrfToken: String, returnPath: String, error: DomainError?
    ) {
        self.returnPath = returnPath
        self.canCreate = canCreate
        self.csrfToken = csrfToken
        func typed(_ name: String) -> String { query[name] ?? "" }
        func reason(_ fields: Set<String>) -> String {
            if case .invalidField(let field, let reason) = error, fields.contains(field) { return reason }
            return ""
        }
        let stateError = reason(["étape"])
        let procedureError = reason(["procédure"])
        let serviceError = reason(["service"])
        let dateError = reason(["date limite du", "date limite au", "mise en ligne du", "mise en ligne au"])
        form = SearchForm(
            reference: typed("reference"), text: typed("texte"),
            states: ConsultationState.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: $0 == search.state)
            },
            procedures: ProcedureType.allCases.map {
                Option(value: $0.rawValue, label: $0.label, selected: $0 == search.procedure)
            },
            services: services.map {
                Option(value: String($0.id), label: $0.name, selected: $0.id == search.serviceID)
            },
            deadlineFrom: typed("limiteDu"), deadlineTo: typed("limiteAu"), onlineFrom: typed("miseEnLigneDu"),
            onlineTo: typed("miseEnLigneAu"), favouritesOnly: search.favouritesOnly, stateError: stateError,
            procedureError: procedureError, serviceError: serviceError, dateError: dateError,
            hasStateError: !stateError.isEmpty, hasProcedureError: !procedureError.isEmpty,
            hasServiceError: !serviceError.isEmpty, hasDateError: !dateError.isEmpty)
        hasError = error != nil
        self.error = error?.description ?? ""
        rows = lines.map { line in
            let consultation = line.consultation
            let id = consultation.id ?? 0
            return Row(
                reference: consultation.reference.value, path: "/consultations/\(id)", isFavourite: line.isFavourite,
                isAutomaticFavourite: line.isAutomaticFavourite, isChosenFavourite: line.isChosenFavourite,
                favouriteAction: "/consultations/\(id)/favori",
                favouriteButton: line.isChosenFavourite ? "Retirer des favoris" : "Ajouter aux favoris",
                procedure: consultation.procedureType.label, state: consultation.state.label,
                stateTone: consultation.state.tone, title: consultation.title, object: consultation.object,
                service: line.serviceName, deadline: ParisTime.format(consultation.deadline),
                registers: line.counts.map { item in
                    let page = item.counter.pagePath(of: id)
                    let csv = item.counter.csvPath(of: id)
                    return Register(
                        label: item.counter.label, count: String(item.count), hasPath: page != nil, path: page ?? "",
                        hasCSV: csv != nil, csvPath: csv ?? "")
                },
                hasUpstream: line.upstream != nil,
                upstream: line.upstream.map {
                    [Link(reference: $0.reference.value, path: "/consultations/\($0.id ?? 0)")]
                }
                    ?? [],
                hasDownstream: !line.downstream.isEmpty,
                downstream: line.downstream.map {
                    Link(reference: $0.reference.value, path: "/consultations/\($0.id ?? 0)")
                })
        }
        hasRows = !rows.isEmpty
        count = rows.count == 1 ? "1 consultation" : "\(rows.count) consultations"
        isFiltering = search.isFiltering
    }

    package static func page(_ view: DashboardView, signedIn: SignedInAgent) -> Page<DashboardView> {
        Page(
            "dashboard/board", title: "Mes consultations", audience: .agent, section: .consultations,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations")],
            user: signedIn.banner, content: view)
    }
}
