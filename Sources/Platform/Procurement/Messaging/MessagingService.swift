import Foundation
import Hummingbird
import Logging
import PlatformKernel
import SQLKit

extension JournalAction {
    /// An agent sent a message to a company (one entry per company).
    package static let messageSent: JournalAction = "message.sent"
    /// A company's user opened a message for the first time: the « accusé de réception ».
    package static let messageRead: JournalAction = "message.read"
    /// A company replied to a « Demande de complément ».
    package static let messageReplied: JournalAction = "message.replied"
}

extension JournalSubject {
    package static func message(_ id: Int64) -> JournalSubject { JournalSubject(kind: "message", id: id) }
}

/// What the agent writes in « Nouveau message ».
package struct MessageDraft: Sendable, Equatable {
    package var kind: BidderMessage.Kind
    package var companyIDs: Set<Int64>
    package var subject: String
    package var body: String
    package var withReceipt: Bool = true
    package var replyAllowed: Bool = false
    package var replyDeadline: Int64?
    /// Files uploaded beforehand by the same agent for this consultation (``MessagingService/upload``).
    package var attachmentIDs: [Int64] = []

    package init(
        kind: BidderMessage.Kind, companyIDs: Set<Int64>, subject: String, body: String, withReceipt: Bool = true,
        replyAllowed: Bool = false, replyDeadline: Int64? = nil, attachmentIDs: [Int64] = []
    ) {
        self.kind = kind
        self.companyIDs = companyIDs
        self.subject = subject
        self.body = body
        self.withReceipt = withReceipt
        self.replyAllowed = replyAllowed
        self.replyDeadline = replyDeadline
        self.attachmentIDs = attachmentIDs
    }
}

/// A company the agents of a consultation may write to, and why.
package struct MessageRecipient: Sendable, Equatable {
    package let companyID: Int64
    package let name: String
    package let siret: String
    package let reasons: [String]

    package init(companyID: Int64, name: String, siret: String, reasons: [String]) {
        self.companyID = companyID
        self.name = name
        self.siret = siret
        self.reasons = reasons
    }
}

/// One message with everything its pages show.
package struct MessageFile: Sendable {
    package let message: BidderMessage
    package let consultation: Consultation
    package let companyName: String
    package let senderName: String
    package let readerName: String?
    package let files: [MessageAttachment]
    package let replies: [(reply: MessageReply, files: [MessageAttachment])]

    package init(
        message: BidderMessage, consultation: Consultation, companyName: String, senderName: String,
        readerName: String?, files: [MessageAttachment], replies: [(reply: MessageReply, files: [MessageAttachment])]
    ) {
        self.message = message
        self.consultation = consultation
        self.companyName = companyName
        self.senderName = senderName
        self.readerName = readerName
        self.files = files
        self.replies = replies
    }
}

/// The « messagerie sécurisée »: agents write from a consultation to the companies that deposited or withdrew
/// its DCE; companies read (the first reading is the « accusé de réception ») and reply to complement
/// requests. Every sending, first reading and reply is journaled; an e-mail tells the company's users that a
/// message awaits them, never its content.
///
/// Rights: reading the exchanges needs « consulter les registres », writing needs « gérer les documents ».
/// A company sees only the messages addressed to it; any other is "not found".
package struct MessagingService: Sendable {
    package let database: Database
    package let files: FileStore
    package var sources: [any MessageRecipientSource] = .standard
    package var mailer: (any Mailer)?
    package var sender = "ne-pas-repondre@sceau.invalid"
    /// Where the e-mail sends the company (its space's messages), e.g. `https://marches.example.fr`.
    package var publicURL: String?
    package var logger = Logger(label: "sceau-platform.messaging")
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }

    package init(
        database: Database, files: FileStore, sources: [any MessageRecipientSource] = .standard,
        mailer: (any Mailer)? = nil, sender: String = "ne-pas-repondre@sceau.invalid", publicURL: String? = nil,
        clock: @escaping @Sendable () -> Int64 = { Timestamp.now() }
    ) {
        self.database = database
        self.files = files
        self.sources = sources
        self.mailer = mailer
        self.sender = sender
        self.publicURL = publicURL
        self.clock = clock
    }

    // MARK: - Agents

    /// The companies the consultation's agents may write to, by name.
    package func recipients(of consultationID: Int64, by authority: AgentAuthority) async throws
        -> [MessageRecipient]
    {
        try await database.session { sql in
            _ = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: authority, sql: sql)
            return try await recipients(of: consultationID, sql: sql)
        }
    }

    private func recipients(of consultationID: Int64, sql: any SQLDatabase) async throws -> [MessageRecipient] {
        var reasons: [Int64: [String]] = [:]
        for source in sources {
            for company in try await source.companies(of: consultationID, sql: sql) {
                reasons[company, default: []].append(source.reason)
            }
        }
        let companies = CompanyRepository(sql: sql)
        var recipients: [MessageRecipient] = []
        for (id, why) in reasons {
            guard let company = try await companies.company(id) else { continue }
            recipients.append(
                MessageRecipient(companyID: id, name: company.name, siret: company.siret.value, reasons: why))
        }
        return recipients.sorted { ($0.name, $0.companyID) < ($1.name, $1.companyID) }
    }

    /// Sends one message per chosen company; the files uploaded beforehand join each of them.
    @discardableResult
    package func send(_ draft: MessageDraft, from consultationID: Int64, by authority: AgentAuthority) async throws
        -> [BidderMessage]
    {
        let now = clock()
        let (sent, consultation) = try await database.transaction { sql in
            let (consultation, path) = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: authority, sql: sql)
            let eligible = Set(try await recipients(of: consultationID, sql: sql).map(\.companyID))
            try MessagingRules.checkRecipients(draft.companyIDs, eligible: eligible)
            try MessagingRules.checkMessage(
                kind: draft.kind, subject: draft.subject, body: draft.body, replyAllowed: draft.replyAllowed,
                replyDeadline: draft.replyDeadline, at: now)
            let repository = MessageRepository(sql: sql)
            let pending = try await repository.pendingFiles(
                of: JournalActor.agent(authority.agentID).description, consultationID: consultationID)
            let chosen = pending.filter { draft.attachmentIDs.contains($0.id ?? -1) }
            guard chosen.count == Set(draft.attachmentIDs).count else {
                throw DomainError.invalidField(
                    field: "pièces jointes", reason: "Une pièce jointe n'est plus disponible : joignez-la de nouveau.")
            }
            var sent: [BidderMessage] = []
            for (index, companyID) in draft.companyIDs.sorted().enumerated() {
                let message = try await repository.create(
                    BidderMessage(
                        consultationID: consultationID, companyID: companyID, kind: draft.kind,
                        subject: draft.subject.trimmingCharacters(in: .whitespacesAndNewlines), body: draft.body,
                        withReceipt: draft.withReceipt, replyAllowed: draft.replyAllowed,
                        replyDeadline: draft.replyAllowed ? draft.replyDeadline : nil, sentBy: authority.agentID,
                        sentAt: now))
                let messageID = message.id ?? 0
                for file in chosen {
                    if index == 0 {
                        try await repository.attach(file.id ?? 0, message: messageID, reply: nil)
                    } else {
                        var copy = file
                        copy.id = nil
                        copy.messageID = messageID
                        _ = try await repository.addFile(copy)
                    }
                }
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .agent(authority.agentID), entityID: path.entity.id, subject: .message(messageID),
                        action: .messageSent,
                        details: [
                            "consultation": String(consultationID), "company": String(companyID),
                            "kind": draft.kind.rawValue, "files": chosen.map(\.sha256).joined(separator: ","),
                        ]),
                    at: now)
                sent.append(message)
            }
            return (sent, consultation)
        }
        await notify(sent, consultation: consultation)
        return sent
    }

    /// The e-mails « un courrier vous attend », one per user of each company; a failure is logged, the message
    /// stays sent and readable in the company's space.
    private func notify(_ messages: [BidderMessage], consultation: Consultation) async {
        guard let mailer else { return }
        let link = (publicURL ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/entreprise/messages"
        for message in messages {
            let bidders: [Bidder]
            do {
                bidders = try await database.session { sql in
                    try await CompanyRepository(sql: sql).bidders(ofCompany: message.companyID)
                }
            } catch {
                logger.error("Messaging: the users of company \(message.companyID) could not be read: \(error)")
                continue
            }
            for bidder in bidders {
                let mail = MailMessage(
                    from: sender, to: bidder.email,
                    subject: "Un courrier vous attend — consultation \(consultation.reference.value)",
                    body: "Bonjour,\n\nUn courrier (\(message.kind.label)) concernant la consultation "
                        + "\(consultation.reference.value) vous attend sur la plateforme.\n"
                        + "Pour le lire, connectez-vous à l'espace de votre entreprise : \(link)\n\n"
                        + "Par sécurité, son contenu n'est pas transmis par e-mail.\n")
                do {
                    try await mailer.send(mail)
                } catch {
                    logger.warning("Messaging: the notice of message \(message.id ?? 0) was not mailed: \(error)")
                }
            }
        }
    }

    /// The messages of a consultation, newest first, with their replies and files; `nil` when the agent may not
    /// read the registers of this consultation.
    package func exchanges(of consultationID: Int64, by authority: AgentAuthority) async throws -> [MessageFile]? {
        try await database.session { sql in
            let access = try await ConsultationService.access(consultationID, for: authority, sql: sql)
            guard access.rights.contains(.viewRegisters) else { return nil }
            let messages = try await MessageRepository(sql: sql).messages(ofConsultation: consultationID)
            return try await Self.files(of: messages, consultation: access.consultation, sql: sql)
        }
    }

    /// One message of the consultation, for an agent who reads its registers.
    package func message(_ id: Int64, of consultationID: Int64, by authority: AgentAuthority) async throws
        -> MessageFile
    {
        try await database.session { sql in
            let (consultation, _) = try await ConsultationAccess.require(
                .viewRegisters, consultationID: consultationID, actor: authority, sql: sql)
            guard let message = try await MessageRepository(sql: sql).find(id),
                message.consultationID == consultationID
            else { throw DomainError.notFound(what: "Courrier") }
            return try await Self.files(of: [message], consultation: consultation, sql: sql)[0]
        }
    }

    /// Stores a file the agent joins to the message being written.
    package func upload<Body: AsyncSequence & Sendable>(
        _ body: Body, name: String, announcedSize: Int64?, to consultationID: Int64, by authority: AgentAuthority
    ) async throws -> MessageAttachment where Body.Element == ByteBuffer {
        let owner = JournalActor.agent(authority.agentID).description
        try await database.session { sql in
            _ = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: authority, sql: sql)
        }
        return try await store(body, name: name, announcedSize: announcedSize, owner: owner) { sql in
            _ = try await ConsultationAccess.require(
                .manageDocuments, consultationID: consultationID, actor: authority, sql: sql)
            return consultationID
        }
    }

    /// An attached file of one of the consultation's messages or replies, for an agent who reads its registers.
    package func attachment(_ fileID: Int64, of consultationID: Int64, by authority: AgentAuthority) async throws
        -> MessageAttachment
    {
        try await database.session { sql in
            _ = try await ConsultationAccess.require(
                .viewRegisters, consultationID: consultationID, actor: authority, sql: sql)
            guard let file = try await MessageRepository(sql: sql).file(fileID), file.consultationID == consultationID,
                file.messageID != nil || file.replyID != nil
                    || file.owner == JournalActor.agent(authority.agentID).description
            else { throw DomainError.notFound(what: "Pièce jointe") }
            return file
        }
    }

    /// The exchanges as CSV: one line per message, with its reading and replies.
    package func csv(of consultationID: Int64, by authority: AgentAuthority) async throws -> String {
        let messages = try await database.session { sql in
            let (consultation, _) = try await ConsultationAccess.require(
                .viewRegisters, consultationID: consultationID, actor: authority, sql: sql)
            let messages = try await MessageRepository(sql: sql).messages(ofConsultation: consultationID)
            return try await Self.files(of: messages, consultation: consultation, sql: sql)
        }
        var csv = CSV(header: [
            "Courrier", "Envoyé le", "Par", "Entreprise", "Type", "Objet", "Pièces jointes", "Accusé de réception",
            "Lu le", "Réponses",
        ])
        for file in messages.reversed() {
            let message = file.message
            csv.append([
                String(message.id ?? 0), FrenchTime.text(message.sentAt), file.senderName, file.companyName,
                message.kind.label, message.subject, String(file.files.count), message.withReceipt ? "Oui" : "Non",
                message.readAt.map(FrenchTime.text) ?? "", String(file.replies.count),
            ])
        }
        return csv.text
    }

    // MARK: - Companies

    /// The messages addressed to the bidder's company, newest first.
    package func inbox(of bidder: SignedInBidder) async throws -> [MessageFile] {
        try await database.session { sql in
            let messages = try await MessageRepository(sql: sql).messages(ofCompany: bidder.company.id ?? -1)
            let consultations = ConsultationRepository(sql: sql)
            var result: [MessageFile] = []
            for message in messages {
                let consultation = try await consultations.require(id: message.consultationID)
                result += try await Self.files(of: [message], consultation: consultation, sql: sql)
            }
            return result
        }
    }

    /// Opens a message for the bidder: the first reading by one of the company's users is recorded with its
    /// time and journaled. Another company's message is "not found".
    package func read(_ id: Int64, by bidder: SignedInBidder) async throws -> MessageFile {
        let now = clock()
        return try await database.transaction { sql in
            let repository = MessageRepository(sql: sql)
            guard var message = try await repository.find(id),
                MessagingRules.isAddressed(message, to: bidder.company.id)
            else { throw DomainError.notFound(what: "Courrier") }
            let consultation = try await ConsultationRepository(sql: sql).require(id: message.consultationID)
            if let first = MessagingRules.firstReading(of: message, by: bidder.bidder.id ?? 0, at: now),
                try await repository.markRead(id, by: bidder.bidder.id ?? 0, at: now)
            {
                message = first
                let entity = try await OrganisationRepository(sql: sql).path(to: consultation.organisationID).entity
                _ = try await JournalRepository(sql: sql).append(
                    JournalEvent(
                        actor: .company(bidder.company.id ?? 0), entityID: entity.id, subject: .message(id),
                        action: .messageRead,
                        details: [
                            "consultation": String(message.consultationID), "bidder": String(bidder.bidder.id ?? 0),
                        ]),
                    at: now)
            }
            return try await Self.files(of: [message], consultation: consultation, sql: sql)[0]
        }
    }

    /// Stores a file the bidder joins to the reply being written; only while the message accepts a reply.
    package func upload<Body: AsyncSequence & Sendable>(
        _ body: Body, name: String, announcedSize: Int64?, toReplyOf messageID: Int64, by bidder: SignedInBidder
    ) async throws -> MessageAttachment where Body.Element == ByteBuffer {
        let now = clock()
        let owner = JournalActor.company(bidder.company.id ?? 0).description
        let check: @Sendable (any SQLDatabase) async throws -> Int64 = { sql in
            guard let message = try await MessageRepository(sql: sql).find(messageID),
                MessagingRules.isAddressed(message, to: bidder.company.id)
            else { throw DomainError.notFound(what: "Courrier") }
            guard MessagingRules.mayReply(to: message, at: now) else {
                throw DomainError.conflict(reason: "Ce courrier n'accepte pas (ou plus) de réponse.")
            }
            return message.consultationID
        }
        _ = try await database.session { try await check($0) }
        return try await store(body, name: name, announcedSize: announcedSize, owner: owner, check: check)
    }

    /// The bidder's reply to a complement request, with the files uploaded beforehand.
    @discardableResult
    package func reply(to messageID: Int64, body: String, attachmentIDs: [Int64], by bidder: SignedInBidder)
        async throws -> MessageReply
    {
        let now = clock()
        return try await database.transaction { sql in
            let repository = MessageRepository(sql: sql)
            guard let message = try await repository.find(messageID),
                MessagingRules.isAddressed(message, to: bidder.company.id)
            else { throw DomainError.notFound(what: "Courrier") }
            try MessagingRules.checkReply(to: message, body: body, at: now)
            let owner = JournalActor.company(bidder.company.id ?? 0).description
            let pending = try await repository.pendingFiles(of: owner, consultationID: message.consultationID)
            let chosen = pending.filter { attachmentIDs.contains($0.id ?? -1) }
            guard chosen.count == Set(attachmentIDs).count else {
                throw DomainError.invalidField(
                    field: "pièces jointes", reason: "Une pièce jointe n'est plus disponible : joignez-la de nouveau.")
            }
            let reply = try await repository.addReply(
                MessageReply(messageID: messageID, bidderID: bidder.bidder.id ?? 0, body: body, sentAt: now))
            for file in chosen { try await repository.attach(file.id ?? 0, message: nil, reply: reply.id) }
            let consultation = try await ConsultationRepository(sql: sql).require(id: message.consultationID)
            let entity = try await OrganisationRepository(sql: sql).path(to: consultation.organisationID).entity
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .company(bidder.company.id ?? 0), entityID: entity.id, subject: .message(messageID),
                    action: .messageReplied,
                    details: [
                        "reply": String(reply.id ?? 0), "files": chosen.map(\.sha256).joined(separator: ","),
                    ]),
                at: now)
            return reply
        }
    }

    /// A file of one of the company's messages or of its replies (or one it uploaded and has not sent yet).
    package func attachment(_ fileID: Int64, ofMessage messageID: Int64, by bidder: SignedInBidder) async throws
        -> MessageAttachment
    {
        try await database.session { sql in
            let repository = MessageRepository(sql: sql)
            guard let message = try await repository.find(messageID),
                MessagingRules.isAddressed(message, to: bidder.company.id),
                let file = try await repository.file(fileID)
            else { throw DomainError.notFound(what: "Pièce jointe") }
            let replies = try await repository.replies(to: [messageID]).compactMap(\.id)
            guard file.messageID == messageID || file.replyID.map({ replies.contains($0) }) == true else {
                throw DomainError.notFound(what: "Pièce jointe")
            }
            return file
        }
    }

    // MARK: - Shared

    /// How many messages each consultation holds (the dashboard's counter).
    package func counts(of consultationIDs: [Int64]) async throws -> [Int64: Int] {
        try await database.session { sql in try await MessageRepository(sql: sql).counts(of: consultationIDs) }
    }

    /// Stores an uploaded file within the size limit, then records it pending for `owner` once `check` (run in
    /// the recording's transaction) returns the consultation.
    private func store<Body: AsyncSequence & Sendable>(
        _ body: Body, name: String, announcedSize: Int64?, owner: String,
        check: @escaping @Sendable (any SQLDatabase) async throws -> Int64
    ) async throws -> MessageAttachment where Body.Element == ByteBuffer {
        let now = clock()
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        try MessagingRules.checkAttachment(
            name: trimmed, size: max(1, min(announcedSize ?? 1, Int64.max)), alreadyPending: 0)
        if let announcedSize, announcedSize > MessagingRules.maximumAttachmentSize { throw MessagingRules.tooLarge }
        let stored: StoredFile
        do {
            stored = try await files.put(body, upTo: MessagingRules.maximumAttachmentSize) { _ in }
        } catch FileStoreError.tooLarge {
            throw MessagingRules.tooLarge
        }
        return try await database.transaction { sql in
            let consultationID = try await check(sql)
            let repository = MessageRepository(sql: sql)
            let pending = try await repository.pendingFiles(of: owner, consultationID: consultationID)
            try MessagingRules.checkAttachment(name: trimmed, size: stored.size, alreadyPending: pending.count)
            return try await repository.addFile(
                MessageAttachment(
                    consultationID: consultationID, owner: owner, name: trimmed, size: stored.size,
                    sha256: stored.hash.hex, uploadedAt: now))
        }
    }

    /// Each message with its company, sender, reader, files and replies.
    private static func files(of messages: [BidderMessage], consultation: Consultation, sql: any SQLDatabase)
        async throws -> [MessageFile]
    {
        guard !messages.isEmpty else { return [] }
        let repository = MessageRepository(sql: sql)
        let ids = messages.compactMap(\.id)
        let replies = try await repository.replies(to: ids)
        let files = try await repository.files(ofMessages: ids, replies: replies.compactMap(\.id))
        let agents = try await AgentRepository(sql: sql).displayNames(messages.map(\.sentBy))
        let companies = CompanyRepository(sql: sql)
        var companyNames: [Int64: String] = [:]
        var bidderNames: [Int64: String] = [:]
        for message in messages {
            if companyNames[message.companyID] == nil {
                companyNames[message.companyID] = try await companies.company(message.companyID)?.name ?? ""
                for bidder in try await companies.bidders(ofCompany: message.companyID) {
                    bidderNames[bidder.id ?? 0] = "\(bidder.firstName) \(bidder.lastName)"
                }
            }
        }
        return messages.map { message in
            let id = message.id ?? 0
            return MessageFile(
                message: message, consultation: consultation, companyName: companyNames[message.companyID] ?? "",
                senderName: agents[message.sentBy] ?? "agent \(message.sentBy)",
                readerName: message.readBy.map { bidderNames[$0] ?? "" },
                files: files.filter { $0.messageID == id },
                replies: replies.filter { $0.messageID == id }.map { reply in
                    (reply: reply, files: files.filter { $0.replyID == reply.id })
                })
        }
    }
}
