import PlatformKernel

/// The « Messagerie » tab of a consultation's page: the exchanges, newest first, with their read state, and
/// the links to write one of the four kinds of letter.
package struct ConsultationMessagesTab: Sendable {
    package let canWrite: Bool
    package let kinds: [KindLink]
    package let hasMessages: Bool
    package let rows: [Row]
    package let csvPath: String
    package let count: String

    package struct KindLink: Sendable {
        package let label: String
        package let path: String
    }

    package struct Row: Sendable {
        package let path: String
        package let sentAt: String
        package let company: String
        package let kind: String
        package let subject: String
        package let readState: String
        package let readTone: String
        package let replies: String
    }

    package init(consultationID: Int64, canWrite: Bool, messages: [MessageFile]) {
        self.canWrite = canWrite
        let base = "/consultations/\(consultationID)/messagerie"
        kinds = BidderMessage.Kind.allCases.map {
            KindLink(label: $0.label, path: "\(base)/nouveau?type=\($0.rawValue)")
        }
        hasMessages = !messages.isEmpty
        rows = messages.map { file in
            let message = file.message
            return Row(
                path: "\(base)/courriers/\(message.id ?? 0)", sentAt: ParisTime.format(message.sentAt),
                company: file.companyName, kind: message.kind.label, subject: message.subject,
                readState: MessageText.readState(message), readTone: message.isRead ? "success" : "warning",
                replies: file.replies.isEmpty ? "—" : String(file.replies.count))
        }
        csvPath = "/api/consultations/\(consultationID)/registres/messages.csv"
        count = messages.count == 1 ? "1 courrier" : "\(messages.count) courriers"
    }
}

/// Texts shared by the messaging pages.
package enum MessageText {
    /// « Lu le … » with the time of the first reading, or « Non lu ».
    package static func readState(_ message: BidderMessage) -> String {
        guard let readAt = message.readAt else { return "Non lu" }
        return "Lu le \(FrenchTime.text(readAt))"
    }

    package static var sizeLimit: String {
        "\(MessagingRules.maximumAttachments) fichiers au plus, de \(FrenchByteCount.text(MessagingRules.maximumAttachmentSize)) chacun au plus."
    }
}

/// A file joined to a message or a reply, as a download link.
package struct AttachmentLink: Sendable {
    package let name: String
    package let size: String
    package let path: String

    package init(_ file: MessageAttachment, path: String) {
        name = file.name
        size = FrenchByteCount.text(file.size)
        self.path = path
    }
}

/// « Consultation concernée par cet échange »: the context block every letter carries (seed 003).
package struct MessageContext: Sendable {
    package let reference: String
    package let title: String
    package let object: String
    package let deadline: String

    package init(_ consultation: Consultation) {
        reference = consultation.reference.value
        title = consultation.title
        object = consultation.object
        deadline = ParisTime.format(consultation.deadline)
    }
}

/// « Nouveau message »: the agent's letter to one, several or all companies that deposited or withdrew the DCE.
package struct MessageComposeView: Sendable {
    package let csrfToken: String
    package let consultationID: Int64
    package let context: MessageContext
    package let action: String
    package let uploadURL: String
    package let kinds: [Option]
    package let recipients: [Recipient]
    package let hasRecipients: Bool
    package let withReceipt: Bool
    package let replyAllowed: Bool
    package let replyDeadline: String
    package let subject: String
    package let body: String
    package let sizeLimit: String
    package let hasError: Bool
    package let error: String
    package let recipientsError: String
    package let subjectError: String
    package let bodyError: String
    package let replyError: String
    package let hasRecipientsError: Bool
    package let hasSubjectError: Bool
    package let hasBodyError: Bool
    package let hasReplyError: Bool
    package let backPath: String

    package struct Option: Sendable {
        package let value: String
        package let label: String
        package let selected: Bool
    }

    package struct Recipient: Sendable {
        package let id: String
        package let name: String
        package let siret: String
        package let reasons: String
        package let checked: Bool
    }

    /// What the form holds: typed by the agent, or the defaults of `kind`.
    package struct Fields: Sendable {
        package var kind: BidderMessage.Kind
        package var companyIDs: Set<Int64>
        package var subject: String
        package var body: String
        package var withReceipt = true
        package var replyAllowed = false
        package var replyDeadline = ""

        package init(kind: BidderMessage.Kind, companyIDs: Set<Int64>) {
            self.kind = kind
            self.companyIDs = companyIDs
            subject = kind.defaultSubject
            body = kind.defaultBody
        }

        package init(_ form: FormFields) {
            kind = form["type"].flatMap(BidderMessage.Kind.init(rawValue:)) ?? .free
            companyIDs = Set(form.all("destinataire").compactMap { Int64($0) })
            subject = form["objet"] ?? ""
            body = form["corps"] ?? ""
            withReceipt = form["accuse"] != "non"
            replyAllowed = form["reponse"] == "oui"
            replyDeadline = form["dateReponse"] ?? ""
        }
    }

    package init(
        consultation: Consultation, recipients: [MessageRecipient], fields: Fields, csrfToken: String,
        error: DomainError?
    ) {
        let id = consultation.id ?? 0
        self.csrfToken = csrfToken
        consultationID = id
        context = MessageContext(consultation)
        action = "/consultations/\(id)/messagerie/nouveau"
        uploadURL = "/api/consultations/\(id)/messages/pieces"
        kinds = BidderMessage.Kind.allCases.map {
            Option(value: $0.rawValue, label: $0.label, selected: $0 == fields.kind)
        }
        self.recipients = recipients.map {
            Recipient(
                id: String($0.companyID), name: $0.name, siret: $0.siret, reasons: $0.reasons.joined(separator: ", "),
                checked: fields.companyIDs.contains($0.companyID))
        }
        hasRecipients = !recipients.isEmpty
        withReceipt = fields.withReceipt
        replyAllowed = fields.replyAllowed
        replyDeadline = fields.replyDeadline
        subject = fields.subject
        body = fields.body
        sizeLimit = MessageText.sizeLimit
        hasError = error != nil
        self.error = error?.description ?? ""
        func reason(_ names: Set<String>) -> String {
            if case .invalidField(let field, let reason) = error, names.contains(field) { return reason }
            return ""
        }
        recipientsError = reason(["destinataires"])
        subjectError = reason(["objet"])
        bodyError = reason(["corps"])
        replyError = reason(["réponse", "date limite de réponse"])
        hasRecipientsError = !recipientsError.isEmpty
        hasSubjectError = !subjectError.isEmpty
        hasBodyError = !bodyError.isEmpty
        hasReplyError = !replyError.isEmpty
        backPath = "/consultations/\(id)#messagerie"
    }
}

/// One message and its replies, as the agents see it (with the « accusé de réception ») or as the company
/// sees it (with the reply form while a reply is awaited).
package struct MessageShowView: Sendable {
    package let context: MessageContext
    package let kind: String
    package let subject: String
    package let bodyLines: [String]
    package let sentAt: String
    package let sender: String
    package let company: String
    package let readState: String
    package let readTone: String
    package let receipt: String
    package let files: [AttachmentLink]
    package let hasFiles: Bool
    package let replies: [ReplyItem]
    package let hasReplies: Bool
    package let expectsReply: Bool
    package let replyDeadline: String
    package let canReply: Bool
    package let replyAction: String
    package let uploadURL: String
    package let csrfToken: String
    package let sizeLimit: String
    package let hasError: Bool
    package let error: String
    package let typedReply: String
    package let isAgent: Bool

    package struct ReplyItem: Sendable {
        package let sentAt: String
        package let lines: [String]
        package let files: [AttachmentLink]
        package let hasFiles: Bool
    }

    package init(
        _ file: MessageFile, isAgent: Bool, filePath: (Int64) -> String, canReply: Bool, csrfToken: String,
        error: DomainError? = nil, typedReply: String = ""
    ) {
        let message = file.message
        context = MessageContext(file.consultation)
        kind = message.kind.label
        subject = message.subject
        bodyLines = message.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        sentAt = FrenchTime.text(message.sentAt)
        sender = file.senderName
        company = file.companyName
        readState = MessageText.readState(message)
        readTone = message.isRead ? "success" : "warning"
        receipt =
            message.withReceipt
            ? "Courrier avec accusé de réception, généré lors de l'accès au contenu du courrier"
            : "Courrier simple sans accusé de réception"
        files = file.files.map { AttachmentLink($0, path: filePath($0.id ?? 0)) }
        hasFiles = !files.isEmpty
        replies = file.replies.map { item in
            let links = item.files.map { AttachmentLink($0, path: filePath($0.id ?? 0)) }
            return ReplyItem(
                sentAt: FrenchTime.text(item.reply.sentAt),
                lines: item.reply.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                files: links, hasFiles: !links.isEmpty)
        }
        hasReplies = !replies.isEmpty
        expectsReply = message.replyAllowed
        replyDeadline = message.replyDeadline.map { ParisTime.format($0) } ?? ""
        self.canReply = canReply
        replyAction = "/entreprise/messages/\(message.id ?? 0)/reponse"
        uploadURL = "/api/entreprise/messages/\(message.id ?? 0)/pieces"
        self.csrfToken = csrfToken
        sizeLimit = MessageText.sizeLimit
        hasError = error != nil
        self.error = error?.description ?? ""
        self.typedReply = typedReply
        self.isAgent = isAgent
    }
}

/// « Messagerie » of the company's space: the messages addressed to the company, newest first.
package struct MessageInboxView: Sendable {
    package let rows: [Row]
    package let hasRows: Bool
    package let unread: String

    package struct Row: Sendable {
        package let path: String
        package let sentAt: String
        package let reference: String
        package let kind: String
        package let subject: String
        package let isRead: Bool
        package let readState: String
    }

    package init(_ files: [MessageFile]) {
        rows = files.map { file in
            Row(
                path: "/entreprise/messages/\(file.message.id ?? 0)", sentAt: FrenchTime.text(file.message.sentAt),
                reference: file.consultation.reference.value, kind: file.message.kind.label,
                subject: file.message.subject, isRead: file.message.isRead,
                readState: MessageText.readState(file.message))
        }
        hasRows = !rows.isEmpty
        let count = files.filter { !$0.message.isRead }.count
        unread = count == 0 ? "Aucun courrier non lu" : count == 1 ? "1 courrier non lu" : "\(count) courriers non lus"
    }
}
