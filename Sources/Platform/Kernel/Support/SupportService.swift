import Foundation
import Logging
import NIOCore
import SQLKit

/// What an agent types to open a ticket.
package struct SupportDraft: Sendable, Equatable {
    package var category: SupportCategory?
    package var subject: String
    package var body: String
    package var contactEmail: String
    package var contactPhone: String

    package init(category: SupportCategory?, subject: String, body: String, contactEmail: String, contactPhone: String)
    {
        self.category = category
        self.subject = subject
        self.body = body
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
    }
}

/// The support's tickets (seed 000 §5): agents open them and follow them; platform administrators answer for the
/// support. Every right is checked here: a ticket the agent may not see is "not found", whoever asks. Every change
/// is journaled (subject `support-ticket N`); e-mails say a ticket moved and link to it, never its content.
package struct SupportService: Sendable {
    package let database: Database
    /// Where the attachments are kept; without it, none can be joined.
    package var files: FileStore?
    package var mailer: any Mailer = UnconfiguredMailer()
    package var sender = "ne-pas-repondre@sceau.invalid"
    /// The platform's address in the e-mails' links.
    package var origin = "http://127.0.0.1:8470"
    /// The support's address, told of each new ticket (`serve --support-email`); none: nobody is.
    package var supportAddress: String?
    /// Whether an agent administers the whole platform (answers for the support); wired by the application.
    package var isPlatformAdministrator: @Sendable (Int64) async throws -> Bool = { _ in false }
    package var clock: @Sendable () -> Int64 = { Timestamp.now() }
    package var logger = Logger(label: "sceau.platform.support")

    package init(database: Database) {
        self.database = database
    }

    /// Who `agent` is for the support: platform administrator, their entity's administrator, or themselves only.
    package func viewer(_ agent: Agent, authority: AgentAuthority) async throws -> SupportViewer {
        let id = agent.id ?? 0
        let platform = try await isPlatformAdministrator(id)
        var administered: Set<Int64> = []
        if !platform && !authority.administrationRights.isEmpty {
            administered = Set(
                try await database.session { sql in
                    try await OrganisationRepository(sql: sql).subtreeIDs(of: authority.homeOrganisationID)
                })
        }
        return SupportViewer(
            agentID: id, name: "\(agent.firstName) \(agent.lastName)", isPlatformAdministrator: platform,
            administeredOrganisations: administered)
    }

    /// The name of the agent's organisation, as « Créer un ticket » shows it (« Collectivité »).
    package func organisationName(_ id: Int64) async throws -> String {
        try await database.session { sql in try await OrganisationRepository(sql: sql).find(id)?.name ?? "" }
    }

    /// Every ticket `viewer` sees, and those matching `search`.
    package func tickets(for viewer: SupportViewer, matching search: SupportSearch) async throws
        -> (all: [SupportTicket], found: [SupportTicket])
    {
        try await database.session { sql in
            let repository = SupportRepository(sql: sql)
            return (
                try await repository.tickets(for: viewer), try await repository.tickets(for: viewer, matching: search)
            )
        }
    }

    /// The ticket with its conversation; "not found" when `viewer` may not see it.
    package func ticket(_ id: Int64, for viewer: SupportViewer) async throws -> SupportTicketFile {
        try await database.session { sql in
            let repository = SupportRepository(sql: sql)
            let ticket = try await Self.visible(id, to: viewer, repository)
            return SupportTicketFile(
                ticket: ticket, messages: try await repository.messages(of: id),
                attachments: try await repository.attachments(of: id))
        }
    }

    /// Opens a ticket with its first message, journals it, and mails its follow-up address and the support's.
    package func open(_ draft: SupportDraft, by agent: Agent) async throws -> SupportTicket {
        guard let category = draft.category else {
            throw DomainError.invalidField(field: "type d'incident", reason: "Choisissez le type d'incident.")
        }
        let subject = try SupportRules.checkSubject(draft.subject)
        let body = try SupportRules.checkBody(draft.body)
        let email = try SupportRules.checkEmail(draft.contactEmail)
        let phone = try SupportRules.checkPhone(draft.contactPhone)
        let agentID = agent.id ?? 0
        let name = "\(agent.firstName) \(agent.lastName)"
        let now = clock()
        let ticket = try await database.transaction { sql in
            let path = try await OrganisationRepository(sql: sql).path(to: agent.organisationID)
            let entityID = path.entity.id ?? agent.organisationID
            let repository = SupportRepository(sql: sql)
            let ticket = try await repository.create(
                SupportTicket(
                    organisationID: agent.organisationID, entityID: entityID, requesterID: agentID,
                    requesterName: name, contactEmail: email, contactPhone: phone, category: category,
                    subject: subject, openedAt: now, updatedAt: now))
            let id = ticket.id ?? 0
            try await repository.add(
                SupportMessage(
                    ticketID: id, authorID: agentID, authorName: name, fromSupport: false, body: body, sentAt: now))
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(agentID), entityID: entityID, subject: Self.subject(id), action: .supportTicketOpened,
                    details: ["category": category.rawValue, "length": String(body.count)]),
                at: now)
            return ticket
        }
        let id = ticket.id ?? 0
        await mail(
            to: email, subject: "Sceau : votre ticket n° \(id) est créé",
            body: """
                Bonjour,

                Votre ticket d'incident n° \(id) a bien été créé ; le support de la plateforme vous répondra sur sa page.
                Suivez-le ici (après connexion à votre espace agent) :
                \(origin)/espace-agent/support/tickets/\(id)
                """)
        if let supportAddress {
            await mail(
                to: supportAddress, subject: "Sceau : nouveau ticket n° \(id) (\(category.label))",
                body: """
                    Bonjour,

                    Un agent a ouvert le ticket d'incident n° \(id). Lisez-le et répondez sur sa page (après connexion) :
                    \(origin)/espace-agent/support/tickets/\(id)
                    """)
        }
        return ticket
    }

    /// Adds `body` to the conversation. An agent's message brings a ticket waiting for precisions back to the
    /// support; a platform administrator's answer leaves it in `state` (among ``SupportRules/answerStates``)
    /// and mails the ticket's follow-up address.
    package func reply(_ id: Int64, body: String, state chosen: SupportState?, by viewer: SupportViewer) async throws {
        let body = try SupportRules.checkBody(body)
        let now = clock()
        let ticket = try await database.transaction { sql in
            let repository = SupportRepository(sql: sql)
            let ticket = try await Self.visible(id, to: viewer, repository)
            let fromSupport = viewer.isPlatformAdministrator && ticket.requesterID != viewer.agentID
            let next =
                fromSupport
                ? try SupportRules.stateAfterSupportAnswer(ticket.state, chosen: chosen ?? .waitingForAgent)
                : try SupportRules.stateAfterAgentMessage(ticket.state)
            try await repository.add(
                SupportMessage(
                    ticketID: id, authorID: viewer.agentID, authorName: viewer.name, fromSupport: fromSupport,
                    body: body, sentAt: now))
            try await repository.setState(id, to: next, at: now)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(viewer.agentID), entityID: ticket.entityID, subject: Self.subject(id),
                    action: .supportTicketReplied,
                    details: [
                        "side": fromSupport ? "support" : "agent", "from": ticket.state.rawValue,
                        "to": next.rawValue, "length": String(body.count),
                    ]),
                at: now)
            return fromSupport ? ticket : nil
        }
        if let ticket {
            await mail(
                to: ticket.contactEmail, subject: "Sceau : réponse du support à votre ticket n° \(id)",
                body: """
                    Bonjour,

                    Le support de la plateforme a répondu à votre ticket d'incident n° \(id).
                    Lisez sa réponse sur la page du ticket (après connexion à votre espace agent) :
                    \(origin)/espace-agent/support/tickets/\(id)
                    """)
        }
    }

    /// What a state change is.
    package enum Change: Sendable {
        case close, reopen
        /// A platform administrator's choice.
        case set(SupportState)
    }

    /// Closes, reopens or (platform administrators) sets the ticket's state, journaled.
    package func change(_ id: Int64, _ change: Change, by viewer: SupportViewer) async throws {
        let now = clock()
        try await database.transaction { sql in
            let repository = SupportRepository(sql: sql)
            let ticket = try await Self.visible(id, to: viewer, repository)
            let next: SupportState
            switch change {
            case .close: next = try SupportRules.stateAfterClosing(ticket.state)
            case .reopen: next = try SupportRules.stateAfterReopening(ticket.state)
            case .set(let chosen):
                guard viewer.isPlatformAdministrator else {
                    throw DomainError.forbidden(
                        reason: "Seul le support de la plateforme change l'état d'un ticket ; fermez-le ou rouvrez-le.")
                }
                next = try SupportRules.stateSetBySupport(ticket.state, to: chosen)
            }
            try await repository.setState(id, to: next, at: now)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(viewer.agentID), entityID: ticket.entityID, subject: Self.subject(id),
                    action: .supportTicketStateChanged, details: ["from": ticket.state.rawValue, "to": next.rawValue]),
                at: now)
        }
    }

    /// Stores `body` (at most ``SupportRules/maximumAttachmentSize``) as a file of the ticket, journaled.
    @discardableResult
    package func attach<Body: AsyncSequence & Sendable>(
        _ body: Body, name: String, announcedSize: Int64?, to id: Int64, by viewer: SupportViewer
    ) async throws -> SupportAttachment where Body.Element == ByteBuffer {
        let name = try SupportRules.checkFileName(name)
        let ticket = try await database.session { sql in
            try await Self.visible(id, to: viewer, SupportRepository(sql: sql))
        }
        guard ticket.state != .closed else {
            throw DomainError.conflict(reason: "Ce ticket est fermé : rouvrez-le pour joindre un fichier.")
        }
        guard let files else {
            throw DomainError.conflict(reason: "Cette plateforme ne conserve pas de fichiers : décrivez le problème.")
        }
        if let announcedSize, announcedSize > SupportRules.maximumAttachmentSize {
            throw SupportRules.attachmentTooLarge
        }
        let stored: StoredFile
        do {
            stored = try await files.put(body, upTo: SupportRules.maximumAttachmentSize)
        } catch FileStoreError.tooLarge {
            throw SupportRules.attachmentTooLarge
        }
        let now = clock()
        return try await database.transaction { sql in
            let repository = SupportRepository(sql: sql)
            guard try await repository.attachments(of: id).count < SupportRules.maximumAttachments else {
                throw DomainError.tooMany(
                    reason:
                        "Ce ticket a déjà \(SupportRules.maximumAttachments) pièces jointes : décrivez la suite par un message."
                )
            }
            let file = try await repository.add(
                SupportAttachment(
                    ticketID: id, uploadedBy: viewer.agentID, uploaderName: viewer.name,
                    fromSupport: viewer.isPlatformAdministrator && ticket.requesterID != viewer.agentID, name: name,
                    size: stored.size, sha256: stored.hash.hex, uploadedAt: now))
            try await repository.touch(id, at: now)
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .agent(viewer.agentID), entityID: ticket.entityID, subject: Self.subject(id),
                    action: .supportTicketFileAttached,
                    details: ["file": name, "size": String(stored.size), "sha256": stored.hash.hex]),
                at: now)
            return file
        }
    }

    /// A file of the ticket and its bytes, streamed from the store; "not found" when `viewer` may not see it.
    package func attachment(_ fileID: Int64, of id: Int64, for viewer: SupportViewer) async throws
        -> (SupportAttachment, FileSlice)
    {
        let file = try await ticket(id, for: viewer).attachments.first { $0.id == fileID }
        guard let files, let file, let hash = ContentHash(hex: file.sha256) else {
            throw DomainError.notFound(what: "Pièce jointe")
        }
        return (file, try await files.read(hash))
    }

    // MARK: - Helpers

    /// The ticket, if it exists and `viewer` sees it; "not found" otherwise, so that a number tells nothing.
    static func visible(_ id: Int64, to viewer: SupportViewer, _ repository: SupportRepository) async throws
        -> SupportTicket
    {
        guard let ticket = try await repository.find(id), viewer.sees(ticket) else {
            throw DomainError.notFound(what: "Ticket n° \(id)")
        }
        return ticket
    }

    static func subject(_ id: Int64) -> JournalSubject { JournalSubject(kind: "support-ticket", id: id) }

    private func mail(to address: String, subject: String, body: String) async {
        do {
            try await mailer.send(MailMessage(from: sender, to: address, subject: subject, body: body))
        } catch {
            logger.error("A support e-mail to \(address) did not leave: \(error)")
        }
    }
}

extension JournalAction {
    package static let supportTicketOpened: JournalAction = "support-ticket.opened"
    package static let supportTicketReplied: JournalAction = "support-ticket.replied"
    package static let supportTicketStateChanged: JournalAction = "support-ticket.state-changed"
    package static let supportTicketFileAttached: JournalAction = "support-ticket.file-attached"
}
