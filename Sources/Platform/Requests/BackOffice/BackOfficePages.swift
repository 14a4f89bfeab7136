import PlatformKernel

/// "Tableau de bord": the agent's task lists (CapDémat's "Tâches"), the most pressing first.
package struct TaskBoardView: Sendable {
    package let menu: BackOfficeMenu
    package let sections: [Section]

    package init(menu: BackOfficeMenu, sections: [Section]) {
        self.menu = menu
        self.sections = sections
    }

    /// One list of the board (`section#id`), with its requests or what its emptiness means.
    package struct Section: Sendable {
        package let id: String
        package let title: String
        package let description: String
        package let count: Int
        package let tone: String
        package let rows: [RequestRow]
        package let hasRows: Bool
        package let tableLabel: String
        package let paginated: Bool
        package let emptyTitle: String
        package let emptyText: String

        package init(
            id: String, title: String, description: String, count: Int, tone: String, rows: [RequestRow], hasRows: Bool,
            tableLabel: String, paginated: Bool, emptyTitle: String, emptyText: String
        ) {
            self.id = id
            self.title = title
            self.description = description
            self.count = count
            self.tone = tone
            self.rows = rows
            self.hasRows = hasRows
            self.tableLabel = tableLabel
            self.paginated = paginated
            self.emptyTitle = emptyTitle
            self.emptyText = emptyText
        }
    }

    package static func page(signedIn: SignedInAgent, board: CitizenRequestService.TaskBoard) -> Page<TaskBoardView> {
        func section(
            _ id: String, _ title: String, _ description: String, _ tone: String,
            _ list: [CitizenRequestService.Summary], empty: (String, String)
        ) -> Section {
            Section(
                id: id, title: title, description: description, count: list.count,
                tone: list.isEmpty ? "neutral" : tone,
                rows: list.map(RequestRow.init), hasRows: !list.isEmpty, tableLabel: title, paginated: false,
                emptyTitle: empty.0, emptyText: empty.1)
        }
        let sections = [
            section(
                "retard", "Demandes en retard", "Hors délais : le temps maximum d'instruction est dépassé.", "danger",
                board.late,
                empty: (
                    "Aucune demande en retard.", "Les demandes suivies par la qualité de service sont dans les délais."
                )),
            section(
                "urgentes", "Demandes urgentes",
                "Encore dans les délais, mais le délai de rappel est dépassé : à traiter en priorité.", "warning",
                board.urgent, empty: ("Aucune demande urgente.", "Aucune demande n'a dépassé son délai de rappel.")),
            section(
                "nouvelles", "Nouvelles demandes",
                "Demandes nouvellement déposées, de la plus ancienne à la plus récente.",
                "info", board.new,
                empty: (
                    "Aucune nouvelle demande.", "Les demandes déposées par les usagers ou au guichet apparaîtront ici."
                )),
            section(
                "miennes", "Mes dernières demandes", "Les dernières demandes que vous avez traitées.", "progress",
                board.mine,
                empty: (
                    "Vous n'avez encore traité aucune demande.",
                    "Ouvrez une nouvelle demande ou cherchez-en une pour commencer."
                )),
            section(
                "validees", "Demandes validées", "Les dernières demandes qui ont été validées.", "success",
                board.validated, empty: ("Aucune demande validée.", "Les demandes validées récemment apparaîtront ici.")
            ),
        ]
        return BackOffice.page(
            "task-board", title: "Tableau de bord", signedIn: signedIn, trail: [Breadcrumb("Tableau de bord")],
            content: TaskBoardView(menu: BackOfficeMenu(.board), sections: sections))
    }
}

/// "Rechercher une demande": the criteria in a form, the results in a sortable, paginated table.
package struct RequestSearchView: Sendable {
    package let menu: BackOfficeMenu
    package let error: FormError?
    package let criteria: [FormField]
    package let filters: [FormField]
    package let resultTitle: String
    package let truncated: Bool
    package let rows: [RequestRow]
    package let hasRows: Bool
    package let tableLabel: String
    package let paginated: Bool

    package init(
        menu: BackOfficeMenu, error: FormError?, criteria: [FormField], filters: [FormField], resultTitle: String,
        truncated: Bool, rows: [RequestRow], hasRows: Bool, tableLabel: String, paginated: Bool
    ) {
        self.menu = menu
        self.error = error
        self.criteria = criteria
        self.filters = filters
        self.resultTitle = resultTitle
        self.truncated = truncated
        self.rows = rows
        self.hasRows = hasRows
        self.tableLabel = tableLabel
        self.paginated = paginated
    }

    /// The search form's fields, named as the JSON API's criteria; empty ones are no criterion.
    package struct Query: Decodable, Sendable {
        package var demandeur: String?
        package var concerne: String?
        package var numero: String?
        package var foyer: String?
        package var du: String?
        package var au: String?
        package var categorie: String?
        package var teleservice: String?
        package var etat: String?
        package var agent: String?
        package var qualite: String?
        package var tri: String?

        package init(
            demandeur: String? = nil, concerne: String? = nil, numero: String? = nil, foyer: String? = nil,
            du: String? = nil, au: String? = nil, categorie: String? = nil, teleservice: String? = nil,
            etat: String? = nil, agent: String? = nil, qualite: String? = nil, tri: String? = nil
        ) {
            self.demandeur = demandeur
            self.concerne = concerne
            self.numero = numero
            self.foyer = foyer
            self.du = du
            self.au = au
            self.categorie = categorie
            self.teleservice = teleservice
            self.etat = etat
            self.agent = agent
            self.qualite = qualite
            self.tri = tri
        }
    }

    /// The ids of the fields the search's refusals name.
    package static let fieldIDs = [
        "N° de foyer": "foyer", "Déposée du": "du", "Déposée au": "au", "Catégorie": "categorie",
        "Téléservice": "teleservice", "Dernier agent": "agent",
    ]

    package static func page(
        signedIn: SignedInAgent, query: Query, categories: [RequestCategory], teleservices: [Teleservice],
        results: [CitizenRequestService.Summary], limit: Int, error: FormError?
    ) -> Page<RequestSearchView> {
        func text(_ id: String, _ label: String, _ value: String?, type: String = "text", hint: String? = nil)
            -> FormField
        {
            FormField(
                id: id, name: id, label: label, value: value ?? "", control: .input(type: type), hint: hint,
                error: error?.on(id))
        }
        func select(_ id: String, _ label: String, _ pairs: [(String, String)], _ value: String?, all: String = "Tous")
            -> FormField
        {
            FormField(
                id: id, name: id, label: label,
                control: .select(SelectOption.list(pairs, selected: value, placeholder: all)),
                error: error?.on(id))
        }
        let criteria = [
            text(
                "demandeur", "Demandeur", query.demandeur,
                hint: "L'usager qui a fait la demande, par exemple le parent."),
            text("concerne", "Concerne", query.concerne, hint: "La personne concernée, par exemple l'enfant inscrit."),
            text("numero", "N° de la demande", query.numero, hint: "Tout ou partie, par exemple 2027-000042."),
            text("foyer", "N° de foyer", query.foyer, hint: "Le numéro du compte foyer."),
            text("du", "Déposée du", query.du, type: "date"),
            text("au", "Déposée au", query.au, type: "date"),
        ]
        let filters = [
            select(
                "categorie", "Catégorie de services", categories.map { (String($0.id ?? 0), $0.name) }, query.categorie,
                all: "Toutes"),
            select("teleservice", "Téléservice", teleservices.map { (String($0.id ?? 0), $0.name) }, query.teleservice),
            select("etat", "État de la demande", RequestState.allCases.map { ($0.rawValue, $0.label) }, query.etat),
            text(
                "agent", "Dernier agent intervenu", query.agent, type: "number",
                hint: "Le numéro de l'agent (son identifiant dans la plateforme)."),
            select(
                "qualite", "Qualité de service", QualityLevel.allCases.map { ($0.rawValue, $0.label) }, query.qualite,
                all: "Toutes"),
            FormField(
                id: "tri", name: "tri", label: "Trier par",
                control: .select(
                    SelectOption.list(Self.sorts, selected: query.tri ?? RequestSearch.Sort.newest.rawValue))),
        ]
        let count = results.count
        let title =
            error != nil
            ? "Recherche impossible"
            : count == 0 ? "Aucune demande" : count == 1 ? "1 demande trouvée" : "\(count) demandes trouvées"
        return BackOffice.page(
            "search", title: "Rechercher une demande", signedIn: signedIn,
            trail: [Breadcrumb("Rechercher une demande")],
            content: RequestSearchView(
                menu: BackOfficeMenu(.search), error: error, criteria: criteria, filters: filters, resultTitle: title,
                truncated: count >= limit, rows: results.map(RequestRow.init), hasRows: count > 0,
                tableLabel: "Demandes trouvées", paginated: true))
    }

    package static let sorts: [(String, String)] = [
        (RequestSearch.Sort.newest.rawValue, "Les plus récentes d'abord"),
        (RequestSearch.Sort.oldest.rawValue, "Les plus anciennes d'abord"),
        (RequestSearch.Sort.number.rawValue, "N° de la demande"),
        (RequestSearch.Sort.requester.rawValue, "Nom du demandeur"),
        (RequestSearch.Sort.subject.rawValue, "Nom de la personne concernée"),
        (RequestSearch.Sort.state.rawValue, "État"),
        (RequestSearch.Sort.lastModified.rawValue, "Dernière modification"),
    ]
}

/// A request's page ("Gestion d'une demande"): its header, the lock, the zones of data, documents,
/// processing and information (notes, history, letters, household), and the actions the agent may take.
package struct RequestPageView: Sendable {
    /// The request's payments and their history (`Payments/`), when it has any.
    package var payments: RequestPaymentsPanel?
    package var hasPayments = false
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let base: String
    package let number: String
    package let teleservice: String
    package let state: Badge
    package let quality: Badge
    package let hasQuality: Bool
    package let filedAt: String
    package let error: FormError?
    package let lock: Lock
    package let summary: [SummaryLine]
    package let editable: Bool
    // Data
    package let dataState: Badge
    package let fields: [DataField]
    package let hasFields: Bool
    package let dataActions: [Action]
    package let hasDataActions: Bool
    // Documents
    package let requiredDocuments: String
    package let hasRequiredDocuments: Bool
    package let documents: [DocumentRow]
    package let hasDocuments: Bool
    package let attachable: FormField
    package let canAttach: Bool
    // Processing
    package let transitions: [Action]
    package let hasTransitions: Bool
    // Information
    package let notes: [Note]
    package let hasNotes: Bool
    package let noteCount: Int
    package let noteKind: FormField
    package let noteText: FormField
    package let history: [HistoryRow]
    package let hasHistory: Bool
    package let letters: [HistoryRow]
    package let hasLetters: Bool
    package let household: HouseholdCard
    package let hasHousehold: Bool

    package init(
        menu: BackOfficeMenu, csrfToken: String, base: String, number: String, teleservice: String, state: Badge,
        quality: Badge, hasQuality: Bool, filedAt: String, error: FormError?, lock: Lock, summary: [SummaryLine],
        editable: Bool, dataState: Badge, fields: [DataField], hasFields: Bool, dataActions: [Action],
        hasDataActions: Bool, requiredDocuments: String, hasRequiredDocuments: Bool, documents: [DocumentRow],
        hasDocuments: Bool, attachable: FormField, canAttach: Bool, transitions: [Action], hasTransitions: Bool,
        notes: [Note], hasNotes: Bool, noteCount: Int, noteKind: FormField, noteText: FormField, history: [HistoryRow],
        hasHistory: Bool, letters: [HistoryRow], hasLetters: Bool, household: HouseholdCard, hasHousehold: Bool
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.base = base
        self.number = number
        self.teleservice = teleservice
        self.state = state
        self.quality = quality
        self.hasQuality = hasQuality
        self.filedAt = filedAt
        self.error = error
        self.lock = lock
        self.summary = summary
        self.editable = editable
        self.dataState = dataState
        self.fields = fields
        self.hasFields = hasFields
        self.dataActions = dataActions
        self.hasDataActions = hasDataActions
        self.requiredDocuments = requiredDocuments
        self.hasRequiredDocuments = hasRequiredDocuments
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.attachable = attachable
        self.canAttach = canAttach
        self.transitions = transitions
        self.hasTransitions = hasTransitions
        self.notes = notes
        self.hasNotes = hasNotes
        self.noteCount = noteCount
        self.noteKind = noteKind
        self.noteText = noteText
        self.history = history
        self.hasHistory = hasHistory
        self.letters = letters
        self.hasLetters = hasLetters
        self.household = household
        self.hasHousehold = hasHousehold
    }

    package struct SummaryLine: Sendable {
        package let label: String
        package let value: String

        package init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    /// The lock as an alert: held by the agent, by another agent (read only), or a read-only right.
    package struct Lock: Sendable {
        package let mine: Bool
        package let other: Bool
        package let readOnly: Bool
        package let holder: String
        package let until: String
        package let canTakeOver: Bool
        package let rightLabel: String

        package init(
            mine: Bool, other: Bool, readOnly: Bool, holder: String, until: String, canTakeOver: Bool,
            rightLabel: String
        ) {
            self.mine = mine
            self.other = other
            self.readOnly = readOnly
            self.holder = holder
            self.until = until
            self.canTakeOver = canTakeOver
            self.rightLabel = rightLabel
        }
    }

    /// A field of the request's form, edited in place when the agent may.
    package struct DataField: Sendable {
        package let key: String
        package let label: String
        package let value: String
        package let hasValue: Bool
        package let hint: String
        package let hasHint: Bool
        package let error: String
        package let hasError: Bool

        package init(
            key: String, label: String, value: String, hasValue: Bool, hint: String, hasHint: Bool, error: String,
            hasError: Bool
        ) {
            self.key = key
            self.label = label
            self.value = value
            self.hasValue = hasValue
            self.hint = hint
            self.hasHint = hasHint
            self.error = error
            self.hasError = hasError
        }
    }

    /// A state change offered as a button; a destructive one asks for a confirmation.
    package struct Action: Sendable {
        package let value: String
        package let label: String
        package let destructive: Bool
        package let confirm: String
        package let primary: Bool

        package init(value: String, label: String, destructive: Bool, confirm: String, primary: Bool) {
            self.value = value
            self.label = label
            self.destructive = destructive
            self.confirm = confirm
            self.primary = primary
        }
    }

    package struct DocumentRow: Sendable {
        package let id: Int64
        package let kind: String
        package let fileName: String
        package let path: String
        package let state: Badge
        package let validUntil: String
        package let validUntilISO: String
        package let comment: String
        package let states: [SelectOption]
        package let errorField: String
        package let error: String
        package let hasError: Bool

        package init(
            id: Int64, kind: String, fileName: String, path: String, state: Badge, validUntil: String,
            validUntilISO: String, comment: String, states: [SelectOption], errorField: String, error: String,
            hasError: Bool
        ) {
            self.id = id
            self.kind = kind
            self.fileName = fileName
            self.path = path
            self.state = state
            self.validUntil = validUntil
            self.validUntilISO = validUntilISO
            self.comment = comment
            self.states = states
            self.errorField = errorField
            self.error = error
            self.hasError = hasError
        }
    }

    package struct Note: Sendable {
        package let kind: Badge
        package let at: String
        package let author: String
        package let lines: [LetterLine]

        package init(kind: Badge, at: String, author: String, lines: [LetterLine]) {
            self.kind = kind
            self.at = at
            self.author = author
            self.lines = lines
        }
    }

    package struct HistoryRow: Sendable {
        package let at: String
        package let author: String
        package let summary: String

        package init(at: String, author: String, summary: String) {
            self.at = at
            self.author = author
            self.summary = summary
        }
    }

    package struct HouseholdCard: Sendable {
        package let path: String
        package let label: String
        package let email: String
        package let address: String
        package let members: [String]

        package init(path: String, label: String, email: String, address: String, members: [String]) {
            self.path = path
            self.label = label
            self.email = email
            self.address = address
            self.members = members
        }
    }

    /// The names of the agents the page mentions, by id.
    package typealias Names = [Int64: String]

    package static func page(
        signedIn: SignedInAgent, detail: CitizenRequestService.Detail, names: Names,
        householdDocuments: [CitizenDocument], now: Int64, error: FormError?
    ) -> Page<RequestPageView> {
        let request = detail.request
        let base = "\(BackOffice.root)/\(request.id ?? 0)"
        let agentID = signedIn.agent.id ?? 0
        let title = "Demande \(request.number)"
        let view = RequestPageView(
            menu: BackOfficeMenu(nil), csrfToken: signedIn.csrfToken, base: base, number: request.number,
            teleservice: detail.teleservice.name, state: Badge.state(request.state),
            quality: detail.quality.map(Badge.quality) ?? Badge(label: "", tone: "neutral"),
            hasQuality: detail.quality != nil, filedAt: ParisTime.format(request.createdAt), error: error,
            lock: lock(detail, agentID: agentID, names: names, now: now), summary: summary(detail),
            editable: detail.editable, dataState: Badge.data(request.dataState),
            fields: fields(detail, error: error), hasFields: !detail.teleservice.form.fields.isEmpty,
            dataActions: dataActions(detail), hasDataActions: detail.editable,
            requiredDocuments: detail.teleservice.requiredDocuments.joined(separator: ", "),
            hasRequiredDocuments: !detail.teleservice.requiredDocuments.isEmpty,
            documents: documents(detail, base: base, error: error), hasDocuments: !detail.documents.isEmpty,
            attachable: attachable(detail, householdDocuments), canAttach: canAttach(detail, householdDocuments),
            transitions: detail.allowedStates.map { transition($0, number: request.number) },
            hasTransitions: !detail.allowedStates.isEmpty,
            notes: detail.notes.map { note in
                Note(
                    kind: noteBadge(note.kind), at: ParisTime.format(note.createdAt),
                    author: note.agentID.map { name($0, names) } ?? request.requesterName,
                    lines: LetterLine.lines(note.text))
            },
            hasNotes: !detail.notes.isEmpty, noteCount: detail.notes.count,
            noteKind: FormField(
                id: "note-type", name: "type", label: "Type de note",
                control: .select([
                    SelectOption(
                        value: "internal", label: "Note interne (lue par les agents seulement)", selected: true),
                    SelectOption(
                        value: "public", label: "Note usager (lue par le citoyen dans son espace)", selected: false),
                ]), required: true, error: error?.on("note-type")),
            noteText: FormField(
                id: "note-texte", name: "texte", label: "Texte de la note", control: .textarea(rows: 4), required: true,
                hint: "4 000 caractères au plus.", error: error?.on("note-texte")),
            history: history(detail.history, names: names), hasHistory: !detail.history.isEmpty,
            letters: history(detail.history.filter { $0.action == LettersService.contacted.rawValue }, names: names),
            hasLetters: detail.history.contains { $0.action == LettersService.contacted.rawValue },
            household: household(detail.household), hasHousehold: detail.household != nil)
        return BackOffice.page(
            "request", title: title, signedIn: signedIn, trail: [Breadcrumb(title)], content: view)
    }

    package static func name(_ id: Int64, _ names: Names) -> String { names[id] ?? "agent n° \(id)" }

    private static func lock(_ detail: CitizenRequestService.Detail, agentID: Int64, names: Names, now: Int64) -> Lock {
        let live = detail.request.lock.flatMap { $0.isLive(at: now) ? $0 : nil }
        let mine = live?.agentID == agentID
        let other = live != nil && !mine
        return Lock(
            mine: mine, other: other, readOnly: live == nil && detail.right < .write,
            holder: live.map { name($0.agentID, names) } ?? "",
            until: live.map { ParisTime.format($0.expiresAt) } ?? "",
            canTakeOver: other && detail.right >= .manage, rightLabel: detail.right.label)
    }

    private static func summary(_ detail: CitizenRequestService.Detail) -> [SummaryLine] {
        let request = detail.request
        var lines = [
            SummaryLine(label: "Téléservice", value: detail.teleservice.name),
            SummaryLine(label: "État", value: request.state.label),
            SummaryLine(label: "Déposée le", value: ParisTime.format(request.createdAt)),
        ]
        if let validated = request.validatedAt {
            lines.append(SummaryLine(label: "Validée le", value: ParisTime.format(validated)))
        }
        if let quality = detail.quality {
            lines.append(SummaryLine(label: "Qualité de service", value: quality.label))
        }
        lines.append(SummaryLine(label: "Demandeur", value: request.requesterName))
        lines.append(SummaryLine(label: "Concerne", value: request.subjectName))
        return lines
    }

    private static func fields(_ detail: CitizenRequestService.Detail, error: FormError?) -> [DataField] {
        detail.teleservice.form.fields.map { field in
            let value = (detail.request.data[field.key] ?? []).joined(separator: ", ")
            let reason = error?.on("valeur-\(field.key)")
            let hint =
                switch field.kind {
                case .text: ""
                case .date: "Date aaaa-mm-jj."
                case .number: "Un nombre."
                case .parameters: "Les clés de la liste « \(field.list ?? "") », séparées par des virgules."
                }
            return DataField(
                key: field.key, label: field.label, value: value, hasValue: !value.isEmpty, hint: hint,
                hasHint: !hint.isEmpty, error: reason ?? "", hasError: reason != nil)
        }
    }

    private static func dataActions(_ detail: CitizenRequestService.Detail) -> [Action] {
        guard detail.editable else { return [] }
        return RequestDataState.transitions[detail.request.dataState, default: []].map { state in
            let label =
                switch state {
                case .validated: "Valider les données"
                case .invalid: "Déclarer les données invalides"
                case .pending: "Remettre les données en attente"
                }
            return Action(
                value: state.rawValue, label: label, destructive: false, confirm: "", primary: state == .validated)
        }
    }

    private static func transition(_ state: RequestState, number: String) -> Action {
        let destructive = [.rejected, .cancelled, .closed, .archived].contains(state)
        return Action(
            value: state.rawValue, label: "Passer à « \(state.label) »", destructive: destructive,
            confirm: "Passer la demande \(number) à l'état « \(state.label) » ? Le changement est inscrit dans "
                + "l'historique de la demande.",
            primary: !destructive)
    }

    private static func documents(_ detail: CitizenRequestService.Detail, base: String, error: FormError?)
        -> [DocumentRow]
    {
        detail.documents.map { document in
            let id = document.document.id ?? 0
            let states = [document.state] + (DocumentState.transitions[document.state] ?? [])
            let errorField = "document-\(id)-validite"
            let reason = error?.on(errorField)
            return DocumentRow(
                id: id, kind: document.document.kind, fileName: document.document.fileName,
                path: "\(base)/documents/\(id)", state: Badge.document(document.state),
                validUntil: document.validUntil?.french ?? "", validUntilISO: document.validUntil?.iso ?? "",
                comment: document.comment,
                states: SelectOption.list(states.map { ($0.rawValue, $0.label) }, selected: document.state.rawValue),
                errorField: errorField, error: reason ?? "", hasError: reason != nil)
        }
    }

    private static func attachable(_ detail: CitizenRequestService.Detail, _ household: [CitizenDocument]) -> FormField
    {
        let attached = Set(detail.documents.compactMap(\.document.id))
        let pairs = household.filter { !attached.contains($0.id ?? 0) }.map {
            (String($0.id ?? 0), "\($0.kind) — \($0.fileName)")
        }
        return FormField(
            id: "joindre-document", name: "document", label: "Document du foyer",
            control: .select(SelectOption.list(pairs, selected: nil)), required: true,
            hint: "Un document de l'espace du foyer, déposé par l'usager ou au guichet.")
    }

    private static func canAttach(_ detail: CitizenRequestService.Detail, _ household: [CitizenDocument]) -> Bool {
        let attached = Set(detail.documents.compactMap(\.document.id))
        return detail.editable && household.contains { !attached.contains($0.id ?? 0) }
    }

    private static func noteBadge(_ kind: RequestNote.Kind) -> Badge {
        switch kind {
        case .internal: Badge(label: kind.label, tone: "neutral")
        case .public: Badge(label: kind.label, tone: "info")
        case .citizen: Badge(label: kind.label, tone: "progress")
        }
    }

    package static func history(_ entries: [RequestHistoryEntry], names: Names) -> [HistoryRow] {
        entries.map { entry in
            let author =
                switch entry.author {
                case .agent(let id): name(id, names)
                case .citizen: "Le demandeur"
                case .system: "Sceau"
                }
            return HistoryRow(at: ParisTime.format(entry.at), author: author, summary: entry.summary)
        }
    }

    private static func household(_ household: Household?) -> HouseholdCard {
        guard let household else { return HouseholdCard(path: "", label: "", email: "", address: "", members: []) }
        let id = household.id ?? 0
        return HouseholdCard(
            path: "\(HouseholdPages.root)/\(id)", label: "Compte foyer n° \(id)", email: household.email,
            address: household.address,
            members: household.members.map {
                "\($0.civility.rawValue) \($0.fullName) (\(HouseholdPages.roleLabel($0.role)))"
            })
    }
}

/// The printable history of a request: who changed what and when, printed alone.
package struct RequestHistoryView: Sendable {
    package let menu: BackOfficeMenu
    package let requestPath: String
    package let number: String
    package let summary: [RequestPageView.SummaryLine]
    package let rows: [RequestPageView.HistoryRow]
    package let hasRows: Bool
    package let printedOn: String

    package init(
        menu: BackOfficeMenu, requestPath: String, number: String, summary: [RequestPageView.SummaryLine],
        rows: [RequestPageView.HistoryRow], hasRows: Bool, printedOn: String
    ) {
        self.menu = menu
        self.requestPath = requestPath
        self.number = number
        self.summary = summary
        self.rows = rows
        self.hasRows = hasRows
        self.printedOn = printedOn
    }

    package static func page(
        signedIn: SignedInAgent, detail: CitizenRequestService.Detail, names: RequestPageView.Names, now: Int64
    ) -> Page<RequestHistoryView> {
        let request = detail.request
        let path = "\(BackOffice.root)/\(request.id ?? 0)"
        let summary = [
            RequestPageView.SummaryLine(label: "Demande", value: request.number),
            .init(label: "Téléservice", value: detail.teleservice.name),
            .init(label: "Demandeur", value: request.requesterName),
            .init(label: "Concerne", value: request.subjectName),
            .init(label: "État", value: request.state.label),
            .init(label: "Déposée le", value: ParisTime.format(request.createdAt)),
        ]
        let rows = RequestPageView.history(detail.history, names: names)
        return BackOffice.page(
            "history", title: "Historique de la demande \(request.number)", signedIn: signedIn,
            trail: [Breadcrumb("Demande \(request.number)", path), Breadcrumb("Historique")],
            content: RequestHistoryView(
                menu: BackOfficeMenu(nil), requestPath: path, number: request.number, summary: summary, rows: rows,
                hasRows: !rows.isEmpty, printedOn: ParisTime.format(now)))
    }
}

/// "Contacter le citoyen": the channel, the template and a message; once sent, the letter as written.
package struct ContactView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let number: String
    package let requestPath: String
    package let error: FormError?
    package let channel: FormField
    package let template: FormField
    package let message: FormField
    package let hasTemplates: Bool
    package let sent: Sent
    package let hasSent: Bool

    package init(
        menu: BackOfficeMenu, csrfToken: String, number: String, requestPath: String, error: FormError?,
        channel: FormField, template: FormField, message: FormField, hasTemplates: Bool, sent: Sent, hasSent: Bool
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.number = number
        self.requestPath = requestPath
        self.error = error
        self.channel = channel
        self.template = template
        self.message = message
        self.hasTemplates = hasTemplates
        self.sent = sent
        self.hasSent = hasSent
    }

    /// The letter just sent and where it went.
    package struct Sent: Sendable {
        package let channel: String
        package let templateName: String
        package let delivery: String
        package let hasDelivery: Bool
        package let pdfPath: String
        package let lines: [LetterLine]

        package init(
            channel: String, templateName: String, delivery: String, hasDelivery: Bool, pdfPath: String,
            lines: [LetterLine]
        ) {
            self.channel = channel
            self.templateName = templateName
            self.delivery = delivery
            self.hasDelivery = hasDelivery
            self.pdfPath = pdfPath
            self.lines = lines
        }
    }

    /// The form's fields.
    package struct Form: Decodable, Sendable {
        package var moyen: String?
        package var modele: String?
        package var message: String?

        package init(moyen: String? = nil, modele: String? = nil, message: String? = nil) {
            self.moyen = moyen
            self.modele = modele
            self.message = message
        }
    }

    package static func page(
        signedIn: SignedInAgent, request: CitizenRequest, channels: [ContactChannel], templates: [LetterTemplate],
        letter: LettersService.Letter?, form: Form, error: FormError?
    ) -> Page<ContactView> {
        let path = "\(BackOffice.root)/\(request.id ?? 0)"
        var sent = Sent(channel: "", templateName: "", delivery: "", hasDelivery: false, pdfPath: "", lines: [])
        if let letter {
            var query = URLComponentsQuery()
            query.append("modele", String(letter.template.id ?? 0))
            query.append("moyen", letter.channel.key)
            query.append("message", form.message ?? "")
            sent = Sent(
                channel: letter.channel.label, templateName: letter.template.name,
                delivery: letter.delivery?.description ?? "", hasDelivery: letter.delivery != nil,
                pdfPath: "\(path)/courrier.pdf?\(query.text)", lines: LetterLine.lines(letter.text))
        }
        return BackOffice.page(
            "contact", title: "Contacter le citoyen", signedIn: signedIn,
            trail: [Breadcrumb("Demande \(request.number)", path), Breadcrumb("Contacter le citoyen")],
            content: ContactView(
                menu: BackOfficeMenu(nil), csrfToken: signedIn.csrfToken, number: request.number, requestPath: path,
                error: error,
                channel: FormField(
                    id: "moyen", name: "moyen", label: "Moyen de contact",
                    control: .select(SelectOption.list(channels.map { ($0.key, $0.label) }, selected: form.moyen)),
                    required: true,
                    hint: "Par e-mail, le courrier est aussi déposé dans l'espace du citoyen, rubrique « Échanges ».",
                    error: error?.on("moyen")),
                template: FormField(
                    id: "modele", name: "modele", label: "Modèle de courrier",
                    control: .select(
                        SelectOption.list(templates.map { (String($0.id ?? 0), $0.name) }, selected: form.modele)),
                    required: true, error: error?.on("modele")),
                message: FormField(
                    id: "message", name: "message", label: "Message", value: form.message ?? "",
                    control: .textarea(rows: 5),
                    hint: "Il remplace la variable ${observation} du modèle : un complément au courrier type.",
                    error: error?.on("message")),
                hasTemplates: !templates.isEmpty, sent: sent, hasSent: letter != nil))
    }
}

/// A query string built from pairs, each value percent-encoded.
package struct URLComponentsQuery {
    private var pairs: [String] = []

    package mutating func append(_ name: String, _ value: String) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)
        let encoded = value.unicodeScalars.map { scalar in
            guard !allowed.contains(scalar) else { return String(scalar) }
            return String(scalar).utf8.map { byte in
                "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }.joined()
        }.joined()
        pairs.append("\(name)=\(encoded)")
    }

    package var text: String { pairs.joined(separator: "&") }
}

/// "Modèles de courrier": the templates, the editor with its preview, and the variables.
package struct LetterTemplatesView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let error: FormError?
    package let templates: [TemplateLink]
    package let hasTemplates: Bool
    package let canEdit: Bool
    package let editorTitle: String
    package let templateID: String
    package let hasTemplateID: Bool
    package let name: FormField
    package let text: FormField
    package let preview: [LetterLine]
    package let hasPreview: Bool
    package let variables: [Variable]

    package init(
        menu: BackOfficeMenu, csrfToken: String, error: FormError?, templates: [TemplateLink], hasTemplates: Bool,
        canEdit: Bool, editorTitle: String, templateID: String, hasTemplateID: Bool, name: FormField, text: FormField,
        preview: [LetterLine], hasPreview: Bool, variables: [Variable]
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.error = error
        self.templates = templates
        self.hasTemplates = hasTemplates
        self.canEdit = canEdit
        self.editorTitle = editorTitle
        self.templateID = templateID
        self.hasTemplateID = hasTemplateID
        self.name = name
        self.text = text
        self.preview = preview
        self.hasPreview = hasPreview
        self.variables = variables
    }

    package struct TemplateLink: Sendable {
        package let name: String
        package let path: String
        package let current: Bool

        package init(name: String, path: String, current: Bool) {
            self.name = name
            self.path = path
            self.current = current
        }
    }

    package struct Variable: Sendable {
        package let code: String
        package let label: String

        package init(code: String, label: String) {
            self.code = code
            self.label = label
        }
    }

    /// The editor's fields and the button pressed (`apercu` or `enregistrer`).
    package struct Form: Decodable, Sendable {
        package var id: String?
        package var nom: String?
        package var texte: String?
        package var action: String?

        package init(id: String? = nil, nom: String? = nil, texte: String? = nil, action: String? = nil) {
            self.id = id
            self.nom = nom
            self.texte = texte
            self.action = action
        }
    }

    package static let fieldIDs = ["Nom du modèle": "modele-nom", "Texte du modèle": "modele-texte"]

    package static func page(
        signedIn: SignedInAgent, templates: [LetterTemplate], editing: LetterTemplate?, preview: String?,
        canEdit: Bool, error: FormError?
    ) -> Page<LetterTemplatesView> {
        let template = editing ?? LetterTemplate(name: "", body: "")
        let links = templates.map {
            TemplateLink(
                name: $0.name, path: "\(BackOffice.root)/modeles/\($0.id ?? 0)",
                current: $0.id != nil && $0.id == template.id)
        }
        return BackOffice.page(
            "templates", title: "Modèles de courrier", signedIn: signedIn, trail: [Breadcrumb("Modèles de courrier")],
            content: LetterTemplatesView(
                menu: BackOfficeMenu(.templates), csrfToken: signedIn.csrfToken, error: error, templates: links,
                hasTemplates: !links.isEmpty, canEdit: canEdit,
                editorTitle: template.id == nil ? "Nouveau modèle" : "Modifier le modèle « \(template.name) »",
                templateID: template.id.map(String.init) ?? "", hasTemplateID: template.id != nil,
                name: FormField(
                    id: "modele-nom", name: "nom", label: "Nom du modèle", value: template.name, required: true,
                    hint: "Le nom proposé dans « Contacter le citoyen ».", error: error?.on("modele-nom")),
                text: FormField(
                    id: "modele-texte", name: "texte", label: "Texte du courrier", value: template.body,
                    control: .textarea(rows: 14), required: true,
                    hint: "Insérez les informations de la demande avec les variables listées ci-dessous.",
                    error: error?.on("modele-texte")),
                preview: preview.map(LetterLine.lines) ?? [], hasPreview: preview != nil,
                variables: LetterVariable.allCases.map { Variable(code: "${\($0.rawValue)}", label: $0.label) }))
    }
}
