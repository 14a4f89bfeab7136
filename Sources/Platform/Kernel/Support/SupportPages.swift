/// A ticket as the lists show it.
package struct SupportTicketRow: Sendable {
    package let number: Int64
    package let path: String
    package let subject: String
    package let category: String
    package let contact: String
    package let openedAt: String
    package let updatedAt: String
    package let state: String
    package let tone: String

    package init(_ ticket: SupportTicket) {
        number = ticket.id ?? 0
        path = "/espace-agent/support/tickets/\(ticket.id ?? 0)"
        subject = ticket.subject
        category = ticket.category.label
        contact = ticket.requesterName
        openedAt = ParisTime.format(ticket.openedAt)
        updatedAt = ParisTime.format(ticket.updatedAt)
        state = ticket.state.label
        tone = ticket.state.tone
    }
}

/// « Support »: the dashboard of the seed (waiting for precisions, open tickets by type, closed tickets), the
/// search form and the tickets it finds.
package struct SupportDashboardView: Sendable {
    package let waiting: Int
    package let open: Int
    package let openFunctional: Int
    package let openTechnical: Int
    package let closed: Int
    package let isSupport: Bool
    /// Whether the viewer sees colleagues' tickets (the contact's column and criterion show then).
    package let seesOthers: Bool
    package let number: TextInputModel
    package let category: SelectInputModel
    package let state: SelectInputModel
    package let subject: TextInputModel
    package let contact: TextInputModel
    package let openedFrom: TextInputModel
    package let openedTo: TextInputModel
    package let tickets: [SupportTicketRow]
    package let hasTickets: Bool
    package let resultsTitle: String
    package let hasError: Bool
    package let error: String

    package struct Fields: Sendable {
        package var number = ""
        package var category = ""
        package var state = ""
        package var subject = ""
        package var contact = ""
        package var openedFrom = ""
        package var openedTo = ""

        package init() {}
    }

    package init(
        all: [SupportTicket], found: [SupportTicket], viewer: SupportViewer, fields: Fields, resultsTitle: String,
        error: FormRefusal?
    ) {
        waiting = all.filter { $0.state == .waitingForAgent }.count
        let opened = all.filter(\.state.isOpen)
        open = opened.count
        openFunctional = opened.filter { $0.category == .functional }.count
        openTechnical = opened.filter { $0.category == .technical }.count
        closed = all.count - open
        isSupport = viewer.isPlatformAdministrator
        seesOthers = viewer.isPlatformAdministrator || !viewer.administeredOrganisations.isEmpty
        number = TextInputModel(
            id: "recherche-numero", name: "numero", label: "N°", value: fields.number,
            error: error?.error(for: ["n°"]), inputMode: "numeric")
        category = SelectInputModel(
            id: "recherche-type", name: "type", label: "Type d'incident",
            options: [("", "Tous")] + SupportCategory.allCases.map { ($0.rawValue, $0.label) },
            selected: fields.category)
        state = SelectInputModel(
            id: "recherche-etat", name: "etat", label: "État",
            options: [("", "Tous"), ("ouverts", "Ouverts"), ("fermes", "Fermés")]
                + SupportState.allCases.map { ($0.rawValue, $0.label) },
            selected: fields.state)
        subject = TextInputModel(id: "recherche-sujet", name: "sujet", label: "Sujet", value: fields.subject)
        contact = TextInputModel(
            id: "recherche-contact", name: "contact", label: "Nom du contact (interne)", value: fields.contact)
        openedFrom = TextInputModel(
            id: "recherche-du", name: "du", label: "Ouvert à partir du", type: "date", value: fields.openedFrom,
            error: error?.error(for: ["du"]))
        openedTo = TextInputModel(
            id: "recherche-au", name: "au", label: "Ouvert jusqu'au", type: "date", value: fields.openedTo,
            error: error?.error(for: ["au"]))
        tickets = found.map(SupportTicketRow.init)
        hasTickets = !tickets.isEmpty
        self.resultsTitle = resultsTitle
        hasError = error != nil
        self.error = error?.message ?? ""
    }
}

/// « Créer un ticket »: who asks (shown), the follow-up address and phone, the type, the subject and the message.
package struct SupportNewTicketView: Sendable {
    package let csrfToken: String
    package let organisation: String
    package let lastName: String
    package let firstName: String
    package let email: TextInputModel
    package let phone: TextInputModel
    package let category: SelectInputModel
    package let subject: TextInputModel
    package let message: TextInputModel
    package let attachmentLimit: String
    package let hasError: Bool
    package let error: String

    package init(
        csrfToken: String, organisation: String, agent: Agent, draft: SupportDraft, error: DomainError?
    ) {
        let refusal = error.map(FormRefusal.init)
        self.csrfToken = csrfToken
        self.organisation = organisation
        lastName = agent.lastName
        firstName = agent.firstName
        email = TextInputModel(
            id: "ticket-email", name: "email", label: "E-mail de suivi", type: "email", value: draft.contactEmail,
            required: true, hint: "L'adresse qui recevra les nouvelles du ticket (exemple : nom@collectivite.fr).",
            error: refusal?.error(for: ["e-mail"]), autocomplete: "email")
        phone = TextInputModel(
            id: "ticket-telephone", name: "telephone", label: "Téléphone", type: "tel", value: draft.contactPhone,
            hint: "Exemple : 01.42.42.42.42", error: refusal?.error(for: ["téléphone"]), maxLength: 30,
            autocomplete: "tel")
        category = SelectInputModel(
            id: "ticket-type", name: "type", label: "Type d'incident",
            options: [("", "Choisissez")] + SupportCategory.allCases.map { ($0.rawValue, $0.label) },
            selected: draft.category?.rawValue ?? "", required: true,
            hint:
                "Fonctionnel : l'usage d'un écran ou d'une procédure ; technique : une erreur, une lenteur, un poste.",
            error: refusal?.error(for: ["type d'incident"]))
        subject = TextInputModel(
            id: "ticket-sujet", name: "sujet", label: "Sujet", value: draft.subject, required: true,
            hint: "\(SupportRules.maximumSubjectLength) caractères au plus.", error: refusal?.error(for: ["sujet"]),
            maxLength: SupportRules.maximumSubjectLength)
        message = TextInputModel(
            id: "ticket-message", name: "message", label: "Message", value: draft.body, required: true,
            hint:
                "Décrivez l'incident le plus explicitement possible : ce que vous faisiez, ce que vous attendiez, ce qui s'est passé (\(SupportRules.maximumBodyLength) caractères au plus).",
            error: refusal?.error(for: ["message"]))
        attachmentLimit = SupportRules.maximumAttachmentSizeLabel
        hasError = error != nil
        self.error = refusal?.message ?? ""
    }
}

/// A ticket's page: its facts, the conversation (messages and files in order), the file upload, the reply form
/// and the state's actions.
package struct SupportTicketView: Sendable {
    package let number: Int64
    package let subject: String
    package let state: String
    package let tone: String
    package let category: String
    package let requester: String
    package let contactEmail: String
    package let contactPhone: String
    package let hasPhone: Bool
    package let openedAt: String
    package let entries: [Entry]
    package let csrfToken: String
    package let replyPath: String
    package let changePath: String
    package let uploadPath: String
    package let donePath: String
    package let attachmentLimit: String
    package let canWrite: Bool
    package let canAttach: Bool
    package let canClose: Bool
    package let canReopen: Bool
    package let isSupport: Bool
    package let answerState: SelectInputModel
    package let newState: SelectInputModel
    package let message: TextInputModel
    package let hasNotice: Bool
    package let notice: String
    package let hasError: Bool
    package let error: String

    /// One step of the conversation: a message or a joined file.
    package struct Entry: Sendable {
        package let author: String
        package let fromSupport: Bool
        package let time: String
        package let isMessage: Bool
        package let lines: [String]
        package let isFile: Bool
        package let fileName: String
        package let fileSize: String
        package let filePath: String
        fileprivate let sortKey: (Int64, Int, Int64)
    }

    package init(
        _ file: SupportTicketFile, viewer: SupportViewer, csrfToken: String, message: String, notice: String?,
        error: DomainError?
    ) {
        let ticket = file.ticket
        let id = ticket.id ?? 0
        let base = "/espace-agent/support/tickets/\(id)"
        number = id
        subject = ticket.subject
        state = ticket.state.label
        tone = ticket.state.tone
        category = ticket.category.label
        requester = ticket.requesterName
        contactEmail = ticket.contactEmail
        contactPhone = ticket.contactPhone
        hasPhone = !ticket.contactPhone.isEmpty
        openedAt = ParisTime.format(ticket.openedAt)
        let messages = file.messages.map { message in
            Entry(
                author: message.fromSupport ? "Support de la plateforme (\(message.authorName))" : message.authorName,
                fromSupport: message.fromSupport, time: ParisTime.format(message.sentAt), isMessage: true,
                lines: message.body.split(separator: "\n", omittingEmptySubsequences: true).map(String.init),
                isFile: false, fileName: "", fileSize: "", filePath: "", sortKey: (message.sentAt, 0, message.id ?? 0))
        }
        let files = file.attachments.map { attachment in
            Entry(
                author: attachment.fromSupport
                    ? "Support de la plateforme (\(attachment.uploaderName))" : attachment.uploaderName,
                fromSupport: attachment.fromSupport, time: ParisTime.format(attachment.uploadedAt), isMessage: false,
                lines: [], isFile: true, fileName: attachment.name, fileSize: FrenchByteCount.text(attachment.size),
                filePath: "\(base)/pieces/\(attachment.id ?? 0)",
                sortKey: (attachment.uploadedAt, 1, attachment.id ?? 0))
        }
        entries = (messages + files).sorted { $0.sortKey < $1.sortKey }
        self.csrfToken = csrfToken
        replyPath = "\(base)/reponse"
        changePath = "\(base)/etat"
        uploadPath = "/api/support/tickets/\(id)/pieces"
        donePath = "\(base)?joint=1#conversation"
        attachmentLimit = SupportRules.maximumAttachmentSizeLabel
        isSupport = viewer.isPlatformAdministrator && ticket.requesterID != viewer.agentID
        canWrite = isSupport ? ticket.state != .closed : ticket.state.isOpen
        canAttach = ticket.state != .closed
        canClose = ticket.state != .closed
        canReopen = !ticket.state.isOpen
        let refusal = error.map(FormRefusal.init)
        answerState = SelectInputModel(
            id: "reponse-etat", name: "etat", label: "État du ticket après votre réponse",
            options: SupportRules.answerStates.map { ($0.rawValue, $0.label) },
            selected: SupportState.waitingForAgent.rawValue, required: true)
        newState = SelectInputModel(
            id: "nouvel-etat", name: "etat", label: "Nouvel état",
            options: SupportState.allCases.filter { $0 != ticket.state }.map { ($0.rawValue, $0.label) },
            selected: nil)
        self.message = TextInputModel(
            id: "reponse-message", name: "message", label: isSupport ? "Réponse du support" : "Votre message",
            value: message, required: true, hint: "\(SupportRules.maximumBodyLength) caractères au plus.",
            error: refusal?.error(for: ["message", "état"]))
        hasNotice = notice != nil
        self.notice = notice ?? ""
        hasError = error != nil
        self.error = refusal?.message ?? ""
    }
}
