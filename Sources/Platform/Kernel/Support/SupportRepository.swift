import SQLKit

/// The support's tickets (`support_tickets`), their messages (`support_messages`) and files
/// (`support_attachments`), on SQLite and PostgreSQL.
package struct SupportRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private static let ticketColumns = [
        "id", "organisation_id", "entity_id", "requester_id", "requester_name", "contact_email", "contact_phone",
        "category", "subject", "state", "opened_at", "updated_at",
    ]

    /// Saves a new ticket; returns it with its number.
    package func create(_ ticket: SupportTicket) async throws -> SupportTicket {
        let id = try await sql.insert(into: "support_tickets")
            .columns(Array(Self.ticketColumns.dropFirst()))
            .values(
                SQLBind(ticket.organisationID), SQLBind(ticket.entityID), SQLBind(ticket.requesterID),
                SQLBind(ticket.requesterName), SQLBind(ticket.contactEmail), SQLBind(ticket.contactPhone),
                SQLBind(ticket.category.rawValue), SQLBind(ticket.subject), SQLBind(ticket.state.rawValue),
                SQLBind(ticket.openedAt), SQLBind(ticket.updatedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = ticket
        saved.id = id
        return saved
    }

    package func find(_ id: Int64) async throws -> SupportTicket? {
        try await sql.select().columns(Self.ticketColumns.map { SQLColumn($0) }).from("support_tickets")
            .where("id", .equal, id)
            .first(decoding: TicketRow.self, keyDecodingStrategy: .convertFromSnakeCase)?.ticket
    }

    /// Moves the ticket to `state` at `time`.
    package func setState(_ id: Int64, to state: SupportState, at time: Int64) async throws {
        try await sql.update("support_tickets").set("state", to: state.rawValue).set("updated_at", to: time)
            .where("id", .equal, id).run()
    }

    /// Marks the ticket as touched (a file joined) at `time`.
    package func touch(_ id: Int64, at time: Int64) async throws {
        try await sql.update("support_tickets").set("updated_at", to: time).where("id", .equal, id).run()
    }

    /// The tickets `viewer` sees that match `search`, most recently touched first.
    package func tickets(for viewer: SupportViewer, matching search: SupportSearch = SupportSearch()) async throws
        -> [SupportTicket]
    {
        let query = sql.select().columns(Self.ticketColumns.map { SQLColumn($0) }).from("support_tickets")
        if !viewer.isPlatformAdministrator {
            let organisations = Array(viewer.administeredOrganisations)
            query.where { group in
                var group = group.where("requester_id", .equal, viewer.agentID)
                if !organisations.isEmpty { group = group.orWhere("organisation_id", .in, organisations) }
                return group
            }
        }
        if let number = search.number { query.where("id", .equal, number) }
        if let state = search.state { query.where("state", .equal, state.rawValue) }
        if let openOnly = search.openOnly {
            let open = SupportState.allCases.filter(\.isOpen).map(\.rawValue)
            query.where("state", openOnly ? .in : .notIn, open)
        }
        if let category = search.category { query.where("category", .equal, category.rawValue) }
        if let words = search.subject?.lowercased(), !words.isEmpty {
            query.where(SQLFunction("lower", args: SQLColumn("subject")), .like, SQLBind("%\(words)%"))
        }
        if let words = search.contact?.lowercased(), !words.isEmpty {
            query.where(SQLFunction("lower", args: SQLColumn("requester_name")), .like, SQLBind("%\(words)%"))
        }
        if let from = search.openedFrom { query.where("opened_at", .greaterThanOrEqual, from) }
        if let before = search.openedBefore { query.where("opened_at", .lessThan, before) }
        return try await query.orderBy("updated_at", .descending).orderBy("id", .descending)
            .all(decoding: TicketRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(\.ticket)
    }

    // MARK: - Messages and files

    @discardableResult
    package func add(_ message: SupportMessage) async throws -> SupportMessage {
        let id = try await sql.insert(into: "support_messages")
            .columns("ticket_id", "author_id", "author_name", "from_support", "body", "sent_at")
            .values(
                SQLBind(message.ticketID), SQLBind(message.authorID), SQLBind(message.authorName),
                SQLBind(Int64(message.fromSupport ? 1 : 0)), SQLBind(message.body), SQLBind(message.sentAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = message
        saved.id = id
        return saved
    }

    /// The ticket's messages, oldest first.
    package func messages(of ticketID: Int64) async throws -> [SupportMessage] {
        try await sql.select().columns("id", "ticket_id", "author_id", "author_name", "from_support", "body", "sent_at")
            .from("support_messages").where("ticket_id", .equal, ticketID)
            .orderBy("sent_at").orderBy("id")
            .all(decoding: MessageRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map {
                SupportMessage(
                    id: $0.id, ticketID: $0.ticketId, authorID: $0.authorId, authorName: $0.authorName,
                    fromSupport: $0.fromSupport != 0, body: $0.body, sentAt: $0.sentAt)
            }
    }

    @discardableResult
    package func add(_ file: SupportAttachment) async throws -> SupportAttachment {
        let id = try await sql.insert(into: "support_attachments")
            .columns(
                "ticket_id", "uploaded_by", "uploader_name", "from_support", "name", "size", "sha256", "uploaded_at"
            )
            .values(
                SQLBind(file.ticketID), SQLBind(file.uploadedBy), SQLBind(file.uploaderName),
                SQLBind(Int64(file.fromSupport ? 1 : 0)), SQLBind(file.name), SQLBind(file.size), SQLBind(file.sha256),
                SQLBind(file.uploadedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = file
        saved.id = id
        return saved
    }

    /// The ticket's files, oldest first.
    package func attachments(of ticketID: Int64) async throws -> [SupportAttachment] {
        try await sql.select()
            .columns(
                "id", "ticket_id", "uploaded_by", "uploader_name", "from_support", "name", "size", "sha256",
                "uploaded_at"
            )
            .from("support_attachments").where("ticket_id", .equal, ticketID)
            .orderBy("uploaded_at").orderBy("id")
            .all(decoding: FileRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map {
                SupportAttachment(
                    id: $0.id, ticketID: $0.ticketId, uploadedBy: $0.uploadedBy, uploaderName: $0.uploaderName,
                    fromSupport: $0.fromSupport != 0, name: $0.name, size: $0.size, sha256: $0.sha256,
                    uploadedAt: $0.uploadedAt)
            }
    }

    private struct TicketRow: Decodable {
        let id: Int64
        let organisationId: Int64
        let entityId: Int64
        let requesterId: Int64
        let requesterName: String
        let contactEmail: String
        let contactPhone: String
        let category: String
        let subject: String
        let state: String
        let openedAt: Int64
        let updatedAt: Int64

        var ticket: SupportTicket {
            SupportTicket(
                id: id, organisationID: organisationId, entityID: entityId, requesterID: requesterId,
                requesterName: requesterName, contactEmail: contactEmail, contactPhone: contactPhone,
                category: SupportCategory(rawValue: category) ?? .functional, subject: subject,
                state: SupportState(rawValue: state) ?? .new, openedAt: openedAt, updatedAt: updatedAt)
        }
    }

    private struct MessageRow: Decodable {
        let id: Int64
        let ticketId: Int64
        let authorId: Int64
        let authorName: String
        let fromSupport: Int64
        let body: String
        let sentAt: Int64
    }

    private struct FileRow: Decodable {
        let id: Int64
        let ticketId: Int64
        let uploadedBy: Int64
        let uploaderName: String
        let fromSupport: Int64
        let name: String
        let size: Int64
        let sha256: String
        let uploadedAt: Int64
    }
}
