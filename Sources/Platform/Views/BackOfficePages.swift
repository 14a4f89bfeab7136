/// "Tableau de bord": the agent's task lists (CapDémat's "Tâches"), the most pressing first.
struct TaskBoardView: Sendable {
    let menu: BackOfficeMenu
    let sections: [Section]

    /// One list of the board (`section#id`), with its requests or what its emptiness means.
    struct Section: Sendable {
        let id: String
        let title: String
        let description: String
        let count: Int
        let tone: String
        let rows: [RequestRow]
        let hasRows: Bool
        let tableLabel: String
        let paginated: Bool
        let emptyTitle: String
        let emptyText: String
    }

    static func page(signedIn: SignedInAgent, board: CitizenRequestService.TaskBoard) -> Page<TaskBoardView> {
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
struct RequestSearchView: Sendable {
    let menu: BackOfficeMenu
    let error: FormError?
    let criteria: [FormField]
    let filters: [FormField]
    let resultTitle: String
    let truncated: Bool
    let rows: [RequestRow]
    let hasRows: Bool
    let tableLabel: String
    let paginated: Bool

    /// The search form's fields, named as the JSON API's criteria; empty ones are no criterion.
    struct Query: Decodable, Sendable {
        var demandeur: String?
        var concerne: String?
        var numero: String?
        var foyer: String?
        var du: String?
        var au: String?
        var categorie: String?
        var teleservice: String?
        var etat: String?
        var agent: String?
        var qualite: String?
        var tri: String?
    }

    /// The ids of the fields the search's refusals name.
    static let fieldIDs = [
        "N° de foyer": "foyer", "Déposée du": "du", "Déposée au": "au", "Catégorie": "categorie",
        "Téléservice": "teleservice", "Dernier agent": "agent",
    ]

    static func page(
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

    static let sorts: [(String, String)] = [
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
struct RequestPageView: Sendable {
    let menu: BackOfficeMenu
    let csrfToken: String
    let base: String
    let number: String
    let teleservice: String
    let state: Badge
    let quality: Badge
    let hasQuality: Bool
    let filedAt: String
    let error: FormError?
    let lock: Lock
    let summary: [SummaryLine]
    let editable: Bool
    // Data
    let dataState: Badge
    let fields: [DataField]
    let hasFields: Bool
    let dataActions: [Action]
    let hasDataActions: Bool
    // Documents
    let requiredDocuments: String
    let hasRequiredDocuments: Bool
    let documents: [DocumentRow]
    let hasDocuments: Bool
    let attachable: FormField
    let canAttach: Bool
    // Processing
    let transitions: [Action]
    let hasTransitions: Bool
    // Information
    let notes: [Note]
    let hasNotes: Bool
    let noteCount: Int
    let noteKind: FormField
    let noteText: FormField
    let history: [HistoryRow]
    let hasHistory: Bool
    let letters: [HistoryRow]
    let hasLetters: Bool
    let household: HouseholdCard
    let hasHousehold: Bool

    struct SummaryLine: Sendable {
        let label: String
        let value: String
    }

    /// The lock as an alert: held by the agent, by another agent (read only), or a read-only right.
    struct Lock: Sendable {
        let mine: Bool
        let other: Bool
        let readOnly: Bool
        let holder: String
        let until: String
        let canTakeOver: Bool
        let rightLabel: String
    }

    /// A field of the request's form, edited in place when the agent may.
    struct DataField: Sendable {
        let key: String
        let label: String
        let value: String
        let hasValue: Bool
        let hint: String
        let hasHint: Bool
        let error: String
        let hasError: Bool
    }

    /// A state change offered as a button; a destructive one asks for a confirmation.
    struct Action: Sendable {
        let value: String
        let label: String
        let destructive: Bool
        let confirm: String
        let primary: Bool
    }

    struct DocumentRow: Sendable {
        let id: Int64
        let kind: String
        let fileName: String
        let path: String
        let state: Badge
        let validUntil: String
        let validUntilISO: String
        let comment: String
        let states: [SelectOption]
        let errorField: String
        let error: String
        let hasError: Bool
    }

    struct Note: Sendable {
        let kind: Badge
        let at: String
        let author: String
        let lines: [LetterLine]
    }

    struct HistoryRow: Sendable {
        let at: String
        let author: String
        let summary: String
    }

    struct HouseholdCard: Sendable {
        let path: String
        let label: String
        let email: String
        let address: String
        let members: [String]
    }

    /// The names of the agents the page mentions, by id.
    typealias Names = [Int64: String]

    static func page(
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

    static func name(_ id: Int64, _ names: Names) -> String { names[id] ?? "agent n° \(id)" }

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

    static func history(_ entries: [RequestHistoryEntry], names: Names) -> [HistoryRow] {
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
struct RequestHistoryView: Sendable {
    let menu: BackOfficeMenu
    let requestPath: String
    let number: String
    let summary: [RequestPageView.SummaryLine]
    let rows: [RequestPageView.HistoryRow]
    let hasRows: Bool
    let printedOn: String

    static func page(
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
struct ContactView: Sendable {
    let menu: BackOfficeMenu
    let csrfToken: String
    let number: String
    let requestPath: String
    let error: FormError?
    let channel: FormField
    let template: FormField
    let message: FormField
    let hasTemplates: Bool
    let sent: Sent
    let hasSent: Bool

    /// The letter just sent and where it went.
    struct Sent: Sendable {
        let channel: String
        let templateName: String
        let delivery: String
        let hasDelivery: Bool
        let pdfPath: String
        let lines: [LetterLine]
    }

    /// The form's fields.
    struct Form: Decodable, Sendable {
        var moyen: String?
        var modele: String?
        var message: String?
    }

    static func page(
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
struct URLComponentsQuery {
    private var pairs: [String] = []

    mutating func append(_ name: String, _ value: String) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)
        let encoded = value.unicodeScalars.map { scalar in
            guard !allowed.contains(scalar) else { return String(scalar) }
            return String(scalar).utf8.map { byte in
                "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }.joined()
        }.joined()
        pairs.append("\(name)=\(encoded)")
    }

    var text: String { pairs.joined(separator: "&") }
}

/// "Modèles de courrier": the templates, the editor with its preview, and the variables.
struct LetterTemplatesView: Sendable {
    let menu: BackOfficeMenu
    let csrfToken: String
    let error: FormError?
    let templates: [TemplateLink]
    let hasTemplates: Bool
    let canEdit: Bool
    let editorTitle: String
    let templateID: String
    let hasTemplateID: Bool
    let name: FormField
    let text: FormField
    let preview: [LetterLine]
    let hasPreview: Bool
    let variables: [Variable]

    struct TemplateLink: Sendable {
        let name: String
        let path: String
        let current: Bool
    }

    struct Variable: Sendable {
        let code: String
        let label: String
    }

    /// The editor's fields and the button pressed (`apercu` or `enregistrer`).
    struct Form: Decodable, Sendable {
        var id: String?
        var nom: String?
        var texte: String?
        var action: String?
    }

    static let fieldIDs = ["Nom du modèle": "modele-nom", "Texte du modèle": "modele-texte"]

    static func page(
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

/// "Suivi des demandes": the tracking tables, each with its CSV export.
struct TrackingView: Sendable {
    let menu: BackOfficeMenu
    let tables: [Table]

    struct Table: Sendable {
        let id: String
        let title: String
        let csvPath: String
        let header: [Column]
        let rows: [Row]
        let hasRows: Bool
    }

    struct Column: Sendable {
        let label: String
        let sort: String
        let numeric: Bool
    }

    struct Row: Sendable {
        let cells: [Cell]
    }

    struct Cell: Sendable {
        let text: String
        let numeric: Bool
    }

    static func page(signedIn: SignedInAgent, tables: [(BackOfficeTracking.Kind, BackOfficeTracking.Table)])
        -> Page<TrackingView>
    {
        let views = tables.map { kind, table in
            let numeric = table.header.indices.map { index in
                !table.rows.isEmpty && table.rows.allSatisfy { index < $0.count && Int($0[index]) != nil }
            }
            return Table(
                id: kind.rawValue, title: table.title, csvPath: "\(BackOffice.root)/suivi/\(kind.rawValue).csv",
                header: table.header.enumerated().map { index, label in
                    Column(label: label, sort: numeric[index] ? "number" : "text", numeric: numeric[index])
                },
                rows: table.rows.map { row in
                    Row(
                        cells: row.enumerated().map { index, text in
                            Cell(text: text, numeric: index < numeric.count && numeric[index])
                        })
                },
                hasRows: !table.rows.isEmpty)
        }
        return BackOffice.page(
            "tracking", title: "Suivi des demandes", signedIn: signedIn, trail: [Breadcrumb("Suivi des demandes")],
            content: TrackingView(menu: BackOfficeMenu(.tracking), tables: views))
    }
}
