import PlatformKernel
import SQLKit

/// A request's documents, notes and history.
extension CitizenRequestRepository {
    private struct DocumentRow: Decodable {
        package let documentId: Int64
        package let state: String
        package let validUntil: String?
        package let comment: String
    }

    private struct NoteRow: Decodable {
        package let id: Int64
        package let requestId: Int64
        package let kind: String
        package let agentId: Int64?
        package let text: String
        package let createdAt: Int64
    }

    private struct HistoryRow: Decodable {
        package let requestId: Int64
        package let at: Int64
        package let author: String
        package let action: String
        package let summary: String
    }

    package func attach(_ documentID: Int64, to requestID: Int64) async throws {
        if try await document(documentID, of: requestID) != nil {
            throw DomainError.conflict(reason: "Ce document est déjà joint à la demande.")
        }
        try await sql.insert(into: "request_documents")
            .columns("request_id", "document_id", "state", "valid_until", "comment")
            .values(
                SQLBind(requestID), SQLBind(documentID), SQLBind(DocumentState.pending.rawValue),
                SQLBind(String?.none), SQLBind("")
            )
            .run()
    }

    /// Removes the association only: the document stays in the citizen's space and on other requests.
    package func detach(_ documentID: Int64, from requestID: Int64) async throws {
        try await sql.delete(from: "request_documents").where("request_id", .equal, requestID)
            .where("document_id", .equal, documentID).run()
    }

    package func saveDocument(_ document: RequestDocument) async throws {
        guard let documentID = document.document.id else { throw DomainError.notFound(what: "Justificatif") }
        try await sql.update("request_documents").set("state", to: document.state.rawValue)
            .set("valid_until", to: document.validUntil?.iso).set("comment", to: document.comment)
            .where("request_id", .equal, document.requestID).where("document_id", .equal, documentID).run()
    }

    package func documents(of requestID: Int64) async throws -> [RequestDocument] {
        let rows = try await sql.select().columns("document_id", "state", "valid_until", "comment")
            .from("request_documents").where("request_id", .equal, requestID).orderBy("document_id")
            .all(decoding: DocumentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var documents: [RequestDocument] = []
        let households = HouseholdRepository(sql: sql)
        for row in rows {
            guard let document = try await households.document(row.documentId) else { continue }
            documents.append(
                RequestDocument(
                    requestID: requestID, document: document, state: DocumentState(rawValue: row.state) ?? .pending,
                    validUntil: row.validUntil.flatMap { CivilDate(iso: $0) }, comment: row.comment))
        }
        return documents
    }

    package func document(_ documentID: Int64, of requestID: Int64) async throws -> RequestDocument? {
        try await documents(of: requestID).first { $0.document.id == documentID }
    }

    package func addNote(_ note: RequestNote) async throws -> RequestNote {
        try note.validate()
        let id = try await sql.insert(into: "request_notes")
            .columns("request_id", "kind", "agent_id", "text", "created_at")
            .values(
                SQLBind(note.requestID), SQLBind(note.kind.rawValue), SQLBind(note.agentID), SQLBind(note.text),
                SQLBind(note.createdAt)
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        var saved = note
        saved.id = id
        return saved
    }

    /// The notes of the request, oldest first; only those the citizen may read when `forCitizen`.
    package func notes(of requestID: Int64, forCitizen: Bool) async throws -> [RequestNote] {
        var query = sql.select().columns("id", "request_id", "kind", "agent_id", "text", "created_at")
            .from("request_notes").where("request_id", .equal, requestID)
        if forCitizen { query = query.where("kind", .notEqual, RequestNote.Kind.internal.rawValue) }
        return try await query.orderBy("id")
            .all(decoding: NoteRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { row in
                RequestNote.Kind(rawValue: row.kind).map {
                    RequestNote(
                        id: row.id, requestID: row.requestId, kind: $0, agentID: row.agentId, text: row.text,
                        createdAt: row.createdAt)
                }
            }
    }

    package func addHistory(_ entry: RequestHistoryEntry) async throws {
        try await sql.insert(into: "request_history").columns("request_id", "at", "author", "action", "summary")
            .values(
                SQLBind(entry.requestID), SQLBind(entry.at), SQLBind(entry.author.description), SQLBind(entry.action),
                SQLBind(entry.summary)
            )
            .run()
    }

    package func history(of requestID: Int64) async throws -> [RequestHistoryEntry] {
        try await sql.select().columns("request_id", "at", "author", "action", "summary").from("request_history")
            .where("request_id", .equal, requestID).orderBy("id")
            .all(decoding: HistoryRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map {
                RequestHistoryEntry(
                    requestID: $0.requestId, at: $0.at, author: .init($0.author), action: $0.action,
                    summary: $0.summary)
            }
    }
}
