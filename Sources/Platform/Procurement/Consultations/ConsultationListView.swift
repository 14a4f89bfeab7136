import PlatformKernel

/// "Mes consultations": the consultations the agent may see, sortable and paginated, with the links to
/// create one when the agent may.
package struct ConsultationListView: Sendable {
    package let canCreate: Bool
    package let rows: [Row]
    package let hasRows: Bool
    package let count: String

    package init(canCreate: Bool, rows: [Row], hasRows: Bool, count: String) {
        self.canCreate = canCreate
        self.rows = rows
        self.hasRows = hasRows
        self.count = count
    }

    package struct Row: Sendable {
        package let reference: String
        package let path: String
        package let title: String
        package let state: String
        package let stateTone: String
        package let deadline: String

        package init(
            reference: String, path: String, title: String, state: String, stateTone: String, deadline: String
        ) {
            self.reference = reference
            self.path = path
            self.title = title
            self.state = state
            self.stateTone = stateTone
            self.deadline = deadline
        }
    }

    package static func page(signedIn: SignedInAgent, consultations: [Consultation], canCreate: Bool)
        -> Page<ConsultationListView>
    {
        let rows = consultations.map {
            Row(
                reference: $0.reference.value, path: "/consultations/\($0.id ?? 0)", title: $0.title,
                state: $0.state.label, stateTone: $0.state.tone, deadline: ParisTime.format($0.deadline))
        }
        return Page(
            "consultations/list", title: "Mes consultations", audience: .agent, section: .consultations,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations")],
            user: signedIn.banner,
            content: ConsultationListView(
                canCreate: canCreate, rows: rows, hasRows: !rows.isEmpty,
                count: rows.count == 1 ? "1 consultation" : "\(rows.count) consultations"))
    }
}

extension ConsultationState {
    /// The colour of the step's badge (`badge--…`): grey while drafted, amber while waiting, blue while
    /// online, violet while opened, green once decided.
    package var tone: String {
        switch self {
        case .elaboration: "neutral"
        case .awaitingValidation: "warning"
        case .consultation: "info"
        case .openingAndAnalysis: "progress"
        case .decision: "success"
        }
    }
}
