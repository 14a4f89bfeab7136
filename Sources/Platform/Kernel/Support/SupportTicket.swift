/// A support ticket (« ticket d'incident », seed 000 §5): an agent asks the platform's support for help; the
/// conversation follows in ``SupportMessage``s and ``SupportAttachment``s.
package struct SupportTicket: Sendable, Equatable {
    /// Assigned by the store: the ticket's number (« N° »).
    package var id: Int64?
    /// The organisation of the agent who opened it (their entity's administrators see it).
    package var organisationID: Int64
    /// The top-level entity, for the journal.
    package var entityID: Int64
    package var requesterID: Int64
    /// « Prénom Nom » of the agent who opened it, as the lists and the search by contact show it.
    package var requesterName: String
    /// The address the ticket is followed at (the seed's « adresse email qui sera utilisée pour le suivi »).
    package var contactEmail: String
    package var contactPhone: String
    package var category: SupportCategory
    package var subject: String
    package var state: SupportState
    package var openedAt: Int64
    package var updatedAt: Int64

    package init(
        id: Int64? = nil, organisationID: Int64, entityID: Int64, requesterID: Int64, requesterName: String,
        contactEmail: String, contactPhone: String, category: SupportCategory, subject: String,
        state: SupportState = .new, openedAt: Int64, updatedAt: Int64
    ) {
        self.id = id
        self.organisationID = organisationID
        self.entityID = entityID
        self.requesterID = requesterID
        self.requesterName = requesterName
        self.contactEmail = contactEmail
        self.contactPhone = contactPhone
        self.category = category
        self.subject = subject
        self.state = state
        self.openedAt = openedAt
        self.updatedAt = updatedAt
    }
}

/// The seed's « Type d'incident ».
package enum SupportCategory: String, Sendable, CaseIterable, Codable {
    case functional = "fonctionnel"
    case technical = "technique"

    package var label: String {
        switch self {
        case .functional: "Fonctionnel"
        case .technical: "Technique"
        }
    }
}

/// Where a ticket stands. Open: new, in progress, waiting for the agent's precisions; closed: resolved or closed.
package enum SupportState: String, Sendable, CaseIterable, Codable {
    /// Opened by an agent, not yet taken up by the support.
    case new = "nouveau"
    /// The support works on it.
    case inProgress = "en-cours"
    /// The support asked the agent for precisions (« en attente de précisions demandées par le support »).
    case waitingForAgent = "attente-precisions"
    /// The support says it is solved; the agent may close it or reopen it.
    case resolved = "resolu"
    /// Closed by the agent or the support; the agent may reopen it.
    case closed = "ferme"

    package var label: String {
        switch self {
        case .new: "Nouveau"
        case .inProgress: "En cours"
        case .waitingForAgent: "En attente de précisions"
        case .resolved: "Résolu"
        case .closed: "Fermé"
        }
    }

    /// The badge's tone in the lists and on the ticket.
    package var tone: String {
        switch self {
        case .new: "info"
        case .inProgress: "info"
        case .waitingForAgent: "warning"
        case .resolved: "success"
        case .closed: "neutral"
        }
    }

    package var isOpen: Bool { self == .new || self == .inProgress || self == .waitingForAgent }
}

/// One message of a ticket's conversation, from the agents' side or the support's.
package struct SupportMessage: Sendable, Equatable {
    package var id: Int64?
    package var ticketID: Int64
    package var authorID: Int64
    package var authorName: String
    /// Written by a platform administrator answering for the support.
    package var fromSupport: Bool
    package var body: String
    package var sentAt: Int64

    package init(
        id: Int64? = nil, ticketID: Int64, authorID: Int64, authorName: String, fromSupport: Bool, body: String,
        sentAt: Int64
    ) {
        self.id = id
        self.ticketID = ticketID
        self.authorID = authorID
        self.authorName = authorName
        self.fromSupport = fromSupport
        self.body = body
        self.sentAt = sentAt
    }
}

/// A file joined to a ticket, kept in the ``FileStore`` under its SHA-256.
package struct SupportAttachment: Sendable, Equatable {
    package var id: Int64?
    package var ticketID: Int64
    package var uploadedBy: Int64
    package var uploaderName: String
    package var fromSupport: Bool
    package var name: String
    package var size: Int64
    package var sha256: String
    package var uploadedAt: Int64

    package init(
        id: Int64? = nil, ticketID: Int64, uploadedBy: Int64, uploaderName: String, fromSupport: Bool, name: String,
        size: Int64, sha256: String, uploadedAt: Int64
    ) {
        self.id = id
        self.ticketID = ticketID
        self.uploadedBy = uploadedBy
        self.uploaderName = uploaderName
        self.fromSupport = fromSupport
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.uploadedAt = uploadedAt
    }
}

/// A ticket with its conversation, oldest first.
package struct SupportTicketFile: Sendable {
    package let ticket: SupportTicket
    package let messages: [SupportMessage]
    package let attachments: [SupportAttachment]
}
