import PlatformKernel

/// A request of the household (`/citoyen/demandes/{id}`): where it stands (steps and state), its answers,
/// its documents with their state and the agents' comments, its history as the citizen may read it, the
/// exchanges with the service and the reply form; the correction form while it is « Incomplète »; and its
/// « Récépissé de dépôt », which prints alone.
package struct CitizenRequestView: Sendable {
    /// The request's latest payment (`Payments/`), when its teleservice asked for one.
    package var hasPayment = false
    package var paymentAmount = ""
    package var paymentState = ""
    package var paymentPath = ""
    package let number: String
    package let teleservice: String
    package let stateLabel: String
    package let stateBadge: String
    package let steps: [Step]
    package let alert: FormAlert?
    package let csrfToken: String
    package let isUncomplete: Bool
    package let canCorrect: Bool
    package let lockedMessage: String
    package let correctionAction: String
    package let correction: TeleserviceFields
    package let answers: [Answer]
    package let hasAnswers: Bool
    package let documents: [Document]
    package let hasDocuments: Bool
    package let history: [Event]
    package let hasHistory: Bool
    package let exchanges: [Exchange]
    package let hasExchanges: Bool
    package let replyAction: String
    package let reply: String
    package let replyHasError: Bool
    package let replyError: String
    package let receipt: Receipt

    package init(
        number: String, teleservice: String, stateLabel: String, stateBadge: String, steps: [Step], alert: FormAlert?,
        csrfToken: String, isUncomplete: Bool, canCorrect: Bool, lockedMessage: String, correctionAction: String,
        correction: TeleserviceFields, answers: [Answer], hasAnswers: Bool, documents: [Document], hasDocuments: Bool,
        history: [Event], hasHistory: Bool, exchanges: [Exchange], hasExchanges: Bool, replyAction: String,
        reply: String, replyHasError: Bool, replyError: String, receipt: Receipt
    ) {
        self.number = number
        self.teleservice = teleservice
        self.stateLabel = stateLabel
        self.stateBadge = stateBadge
        self.steps = steps
        self.alert = alert
        self.csrfToken = csrfToken
        self.isUncomplete = isUncomplete
        self.canCorrect = canCorrect
        self.lockedMessage = lockedMessage
        self.correctionAction = correctionAction
        self.correction = correction
        self.answers = answers
        self.hasAnswers = hasAnswers
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.history = history
        self.hasHistory = hasHistory
        self.exchanges = exchanges
        self.hasExchanges = hasExchanges
        self.replyAction = replyAction
        self.reply = reply
        self.replyHasError = replyHasError
        self.replyError = replyError
        self.receipt = receipt
    }

    package struct Step: Sendable {
        package let label: String
        package let isDone: Bool
        package let isCurrent: Bool

        package init(label: String, isDone: Bool, isCurrent: Bool) {
            self.label = label
            self.isDone = isDone
            self.isCurrent = isCurrent
        }
    }

    package struct Answer: Sendable {
        package let label: String
        package let value: String

        package init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    package struct Document: Sendable {
        package let kind: String
        package let fileName: String
        package let stateLabel: String
        package let stateBadge: String
        package let validity: String
        package let hasValidity: Bool
        package let comment: String
        package let hasComment: Bool

        package init(
            kind: String, fileName: String, stateLabel: String, stateBadge: String, validity: String, hasValidity: Bool,
            comment: String, hasComment: Bool
        ) {
            self.kind = kind
            self.fileName = fileName
            self.stateLabel = stateLabel
            self.stateBadge = stateBadge
            self.validity = validity
            self.hasValidity = hasValidity
            self.comment = comment
            self.hasComment = hasComment
        }
    }

    package struct Event: Sendable {
        package let date: String
        package let author: String
        package let text: String

        package init(date: String, author: String, text: String) {
            self.date = date
            self.author = author
            self.text = text
        }
    }

    package struct Exchange: Sendable {
        package let author: String
        package let date: String
        package let fromService: Bool
        package let paragraphs: [Paragraph]

        package init(author: String, date: String, fromService: Bool, paragraphs: [Paragraph]) {
            self.author = author
            self.date = date
            self.fromService = fromService
            self.paragraphs = paragraphs
        }
    }

    /// A paragraph of a message, its lines kept as the writer broke them.
    package struct Paragraph: Sendable {
        package let lines: [String]

        package init(lines: [String]) {
            self.lines = lines
        }
    }

    /// What the page shows, read by the controller.
    package struct Contents: Sendable {
        package let request: CitizenRequest
        package let teleservice: Teleservice
        package let lists: [ParameterList]
        package let notes: [RequestNote]
        package let documents: [RequestDocument]
        package let history: [RequestHistoryEntry]
        package let lockedByAgent: Bool
        package let today: CivilDate

        package init(
            request: CitizenRequest, teleservice: Teleservice, lists: [ParameterList], notes: [RequestNote],
            documents: [RequestDocument], history: [RequestHistoryEntry], lockedByAgent: Bool, today: CivilDate
        ) {
            self.request = request
            self.teleservice = teleservice
            self.lists = lists
            self.notes = notes
            self.documents = documents
            self.history = history
            self.lockedByAgent = lockedByAgent
            self.today = today
        }
    }

    /// What the reply form posts (`POST /citoyen/demandes/{id}/note`).
    package struct ReplyForm: Decodable, Sendable {
        package var texte: String?

        package init(texte: String? = nil) {
            self.texte = texte
        }
    }

    package static func page(
        _ citizen: SignedInCitizen, _ contents: Contents, refusal: RefusedForm? = nil, reply: String = "",
        correction: [String: [String]]? = nil
    ) -> Page<CitizenRequestView> {
        let request = contents.request
        let id = request.id ?? 0
        let form = contents.teleservice.form
        let replyConcerned = refusal?.concerns(["Note"]) ?? false
        let anchor =
            replyConcerned ? "texte" : TeleserviceFields.key(named: refusal, in: form).map { "champ-\($0)" }
        let view = CitizenRequestView(
            number: request.number, teleservice: contents.teleservice.name, stateLabel: request.state.label,
            stateBadge: CitizenBadge.request(request.state), steps: steps(request.state),
            alert: refusal.map { FormAlert($0, anchor: anchor) }, csrfToken: citizen.csrfToken,
            isUncomplete: request.state == .uncomplete, canCorrect: !contents.lockedByAgent,
            lockedMessage: RequestError.lockedForCitizen.description,
            correctionAction: "/citoyen/demandes/\(id)/donnees",
            correction: TeleserviceFields(
                form, lists: contents.lists, data: correction ?? request.data,
                refusal: replyConcerned ? nil : refusal),
            answers: answers(request, form: form, lists: contents.lists), hasAnswers: !form.fields.isEmpty,
            documents: contents.documents.map { document(contents: $0, today: contents.today) },
            hasDocuments: !contents.documents.isEmpty,
            history: history(contents.history), hasHistory: !history(contents.history).isEmpty,
            exchanges: contents.notes.filter(\.isVisibleToCitizen).map(exchange),
            hasExchanges: contents.notes.contains(where: \.isVisibleToCitizen),
            replyAction: "/citoyen/demandes/\(id)/note", reply: reply, replyHasError: replyConcerned,
            replyError: replyConcerned ? refusal?.reason ?? "" : "",
            receipt: Receipt(request, teleservice: contents.teleservice.name))
        return Page(
            "frontoffice/request", title: "Demande n° \(request.number)", audience: .citizen,
            section: .citizenSpace,
            breadcrumbs: [Breadcrumb("Mon espace", "/citoyen"), Breadcrumb("Demande n° \(request.number)")],
            user: citizen.banner, content: view)
    }

    /// The lifecycle as the citizen follows it: filed, instructed, decided, closed.
    package static func steps(_ state: RequestState) -> [Step] {
        let current: Int
        var decision = "Décision"
        switch state {
        case .pending, .inProgress, .complete, .uncomplete, .rectified: current = 1
        case .validated, .notified, .rejected, .cancelled:
            current = 2
            decision = state.label
        case .closed, .archived: current = 3
        }
        return ["Déposée", "Instruction", decision, "Clôturée"].enumerated().map { index, label in
            Step(label: label, isDone: index < current || (index == 3 && current == 3), isCurrent: index == current)
        }
    }

    private static func answers(_ request: CitizenRequest, form: FormDefinition, lists: [ParameterList]) -> [Answer] {
        form.fields.map { field in
            let list = lists.first { $0.name == field.list }
            let shown = (request.data[field.key] ?? []).map { value in
                list?.entries.first { $0.key == value }?.label ?? (field.kind == .date ? french(value) : value)
            }
            return Answer(label: field.label, value: shown.isEmpty ? "Non renseigné" : shown.joined(separator: ", "))
        }
    }

    private static func french(_ iso: String) -> String { CivilDate(iso: iso)?.french ?? iso }

    private static func document(contents document: RequestDocument, today: CivilDate) -> Document {
        let state = document.state.effective(validUntil: document.validUntil, on: today)
        return Document(
            kind: document.document.kind, fileName: document.document.fileName, stateLabel: state.label,
            stateBadge: CitizenBadge.document(state),
            validity: document.validUntil.map { "valable jusqu'au \($0.french)" } ?? "",
            hasValidity: document.validUntil != nil, comment: document.comment, hasComment: !document.comment.isEmpty)
    }

    /// The history a citizen reads: the filing, the state changes (without the agents' notes) and their own
    /// corrections; never the locks, internal notes or agents' edits.
    package static func history(_ entries: [RequestHistoryEntry]) -> [Event] {
        entries.compactMap { entry in
            var author = "Le service"
            if case .citizen = entry.author { author = "Vous" }
            let text: String
            switch entry.action {
            case JournalAction.requestFiled.rawValue:
                if case .agent = entry.author {
                    text = "Demande enregistrée au guichet de la mairie"
                } else {
                    text = "Demande déposée en ligne"
                }
            case JournalAction.requestStateChanged.rawValue:
                text = entry.summary.components(separatedBy: " — ").first ?? entry.summary
            case JournalAction.requestDataModified.rawValue:
                guard case .citizen = entry.author else { return nil }
                text = entry.summary
            default: return nil
            }
            return Event(date: CitizenTime.text(entry.at), author: author, text: text)
        }
    }

    private static func exchange(_ note: RequestNote) -> Exchange {
        let paragraphs = note.text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { paragraph in
                Paragraph(lines: paragraph.components(separatedBy: "\n").filter { !$0.isEmpty })
            }.filter { !$0.lines.isEmpty }
        return Exchange(
            author: note.kind == .citizen ? "Vous" : "Le service", date: CitizenTime.text(note.createdAt),
            fromService: note.kind != .citizen, paragraphs: paragraphs)
    }
}
