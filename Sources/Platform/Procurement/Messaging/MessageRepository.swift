import PlatformKernel
import SQLKit

/// Reads and writes messages, replies and their files on one connection or transaction.
package struct MessageRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct MessageRow: Codable {
        let id: Int64
        let consultationId: Int64
        let companyId: Int64
        let kind: String
        let subject: String
        let body: String
        let withReceipt: Int64
        let replyAllowed: Int64
        let replyDeadline: Int64?
        let sentBy: Int64
        let sentAt: Int64
        let readAt: Int64?
        let readBy: Int64?

        var model: BidderMessage? {
            guard let kind = BidderMessage.Kind(rawValue: kind) else { return nil }
            return BidderMessage(
                id: id, consultationID: consultationId, companyID: companyId, kind: kind, subject: subject,
                body: body, withReceipt: withReceipt != 0, replyAllowed: replyAllowed != 0,
                replyDeadline: replyDeadline, sentBy: sentBy, sentAt: sentAt, readAt: readAt, readBy: readBy)
        }
    }

    private static let messageColumns = [
        "id", "consultation_id", "company_id", "kind", "subject", "body", "with_receipt", "reply_allowed",
        "reply_deadline", "sent_by", "sent_at", "read_at", "read_by",
    ]

    private func messages(_ build: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [BidderMessage] {
        try await build(sql.select().columns(Self.messageColumns.map { SQLColumn($0) }).from("bidder_messages"))
            .all(decoding: MessageRow.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(\.model)
    }

    package func create(_ message: BidderMessage) async throws -> BidderMessage {
        let id = try await sql.insert(into: "bidder_messages")
            .columns(Array(Self.messageColumns.dropFirst()))
            .values(
                SQLBind(message.consultationID), SQLBind(message.companyID), SQLBind(message.kind.rawValue),
                SQLBind(message.subject), SQLBind(message.body), SQLBind(Int64(message.withReceipt ? 1 : 0)),
                SQLBind(Int64(message.replyAllowed ? 1 : 0)), SQLBind(message.replyDeadline), SQLBind(message.sentBy),
                SQLBind(message.sentAt), SQLBind(message.readAt), SQLBind(message.readBy)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = message
        saved.id = id
        return saved
    }

    package func find(_ id: Int64) async throws -> BidderMessage? {
        try await messages { $0.where("id", .equal, id) }.first
    }

    /// The messages of a consultation, newest first.
    package func messages(ofConsultation consultationID: Int64) async throws -> [BidderMessage] {
        try await messages { $0.where("consultation_id", .equal, consultationID).orderBy("id", .descending) }
    }

    /// The messages addressed to a company, newest first.
    package func messages(ofCompany companyID: Int64) async throws -> [BidderMessage] {
        try await messages { $0.where("company_id", .equal, companyID).orderBy("id", .descending) }
    }

    /// Records the first reading; `false` when another reading came first (the earlier one stays).
    package func markRead(_ id: Int64, by bidderID: Int64, at time: Int64) async throws -> Bool {
        try await sql.update("bidder_messages").set("read_at", to: time).set("read_by", to: bidderID)
            .where("id", .equal, id).where("read_at", .is, SQLLiteral.null)
            .returning("id").first() != nil
    }

    /// How many messages each of these consultations holds.
    package func counts(of consultationIDs: [Int64]) async throws -> [Int64: Int] {
        guard !consultationIDs.isEmpty else { return [:] }
        struct Row: Codable {
            let consultationId: Int64
            let n: Int64
        }
        let rows = try await sql.select().column("consultation_id").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
        )
        .from("bidder_messages").where("consultation_id", .in, consultationIDs).groupBy("consultation_id")
        .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.consultationId, Int($0.n)) })
    }

    // MARK: - Replies

    private struct ReplyRow: Codable {
        let id: Int64
        let messageId: Int64
        let bidderId: Int64
        let body: String
        let sentAt: Int64
    }

    package func addReply(_ reply: MessageReply) async throws -> MessageReply {
        let id = try await sql.insert(into: "bidder_message_replies")
            .columns("message_id", "bidder_id", "body", "sent_at")
            .values(SQLBind(reply.messageID), SQLBind(reply.bidderID), SQLBind(reply.body), SQLBind(reply.sentAt))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = reply
        saved.id = id
        return saved
    }

    /// The replies to these messages, oldest first.
    package func replies(to messageIDs: [Int64]) async throws -> [MessageReply] {
        guard !messageIDs.isEmpty else { return [] }
        return try await sql.select().columns("id", "message_id", "bidder_id", "body", "sent_at")
            .from("bidder_message_replies").where("message_id", .in, messageIDs).orderBy("id")
            .all(decoding: ReplyRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map {
                MessageReply(
                    id: $0.id, messageID: $0.messageId, bidderID: $0.bidderId, body: $0.body, sentAt: $0.sentAt)
            }
    }

    // MARK: - Files

    private struct FileRow: Codable {
        let id: Int64
        let consultationId: Int64
        let owner: String
        let messageId: Int64?
        let replyId: Int64?
        let name: String
        let size: Int64
        let sha256: String
        let uploadedAt: Int64

        var model: MessageAttachment {
            MessageAttachment(
                id: id, consultationID: consultationId, owner: owner, messageID: messageId, replyID: replyId,
                name: name, size: size, sha256: sha256, uploadedAt: uploadedAt)
        }
    }

    private static let fileColumns = [
        "id", "consultation_id", "owner", "message_id", "reply_id", "name", "size", "sha256", "uploaded_at",
    ]

    private func files(_ build: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [MessageAttachment] {
        try await build(sql.select().columns(Self.fileColumns.map { SQLColumn($0) }).from("message_files"))
            .orderBy("id").all(decoding: FileRow.self, keyDecodingStrategy: .convertFromSnakeCase).map(\.model)
    }

    package func addFile(_ file: MessageAttachment) async throws -> MessageAttachment {
        let id = try await sql.insert(into: "message_files")
            .columns(Array(Self.fileColumns.dropFirst()))
            .values(
                SQLBind(file.consultationID), SQLBind(file.owner), SQLBind(file.messageID), SQLBind(file.replyID),
                SQLBind(file.name), SQLBind(file.size), SQLBind(file.sha256), SQLBind(file.uploadedAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = file
        saved.id = id
        return saved
    }

    package func file(_ id: Int64) async throws -> MessageAttachment? {
        try await files { $0.where("id", .equal, id) }.first
    }

    /// The files `owner` uploaded for the consultation and not yet sent.
    package func pendingFiles(of owner: String, consultationID: Int64) async throws -> [MessageAttachment] {
        try await files {
            $0.where("owner", .equal, owner).where("consultation_id", .equal, consultationID)
                .where("message_id", .is, SQLLiteral.null).where("reply_id", .is, SQLLiteral.null)
        }
    }

    /// The files joined to these messages (by the agent) or to their replies (by the company).
    package func files(ofMessages messageIDs: [Int64], replies replyIDs: [Int64]) async throws -> [MessageAttachment] {
        guard !messageIDs.isEmpty || !replyIDs.isEmpty else { return [] }
        return try await files { query in
            query.where { group in
                var group = group
                if !messageIDs.isEmpty { group = group.orWhere("message_id", .in, messageIDs) }
                if !replyIDs.isEmpty { group = group.orWhere("reply_id", .in, replyIDs) }
                return group
            }
        }
    }

    /// Joins a pending file to a message (the first recipient's) or a reply.
    package func attach(_ fileID: Int64, message: Int64?, reply: Int64?) async throws {
        try await sql.update("message_files").set("message_id", to: message).set("reply_id", to: reply)
            .where("id", .equal, fileID).run()
    }
}
