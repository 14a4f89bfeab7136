import PlatformKernel
import SQLKit

/// Reads and writes the versions of consultations' documents.
package struct DocumentRepository: Sendable {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        var id: Int64
        var consultationId: Int64
        var kind: String
        var version: Int64
        var name: String
        var size: Int64
        var sha256: String
        var uploadedAt: Int64
        var agentId: Int64
    }

    /// Adds `document` as the next version of its kind; returns it with its id and version.
    package func add(
        consultationID: Int64, kind: ConsultationDocumentKind, name: String, stored: StoredFile, agentID: Int64,
        at time: Int64
    ) async throws -> ConsultationDocument {
        let latest = try await versions(of: consultationID).filter { $0.kind == kind }.map(\.version).max() ?? 0
        let document = ConsultationDocument(
            consultationID: consultationID, kind: kind, version: latest + 1, name: name, size: stored.size,
            sha256: stored.hash.description, uploadedAt: time, agentID: agentID)
        try await sql.insert(into: "consultation_documents")
            .columns("consultation_id", "kind", "version", "name", "size", "sha256", "uploaded_at", "agent_id")
            .values(
                SQLBind(consultationID), SQLBind(kind.rawValue), SQLBind(document.version), SQLBind(name),
                SQLBind(stored.size), SQLBind(document.sha256), SQLBind(time), SQLBind(agentID)
            ).run()
        return try await versions(of: consultationID).first { $0.kind == kind && $0.version == document.version }
            ?? document
    }

    /// Every version of every document of the consultation, newest first within each kind.
    package func versions(of consultationID: Int64) async throws -> [ConsultationDocument] {
        try await sql.select()
            .columns("id", "consultation_id", "kind", "version", "name", "size", "sha256", "uploaded_at", "agent_id")
            .from("consultation_documents")
            .where("consultation_id", .equal, consultationID)
            .orderBy("kind").orderBy("version", .descending)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { row in
                guard let kind = ConsultationDocumentKind(rawValue: row.kind) else { return nil }
                return ConsultationDocument(
                    id: row.id, consultationID: row.consultationId, kind: kind, version: row.version, name: row.name,
                    size: row.size, sha256: row.sha256, uploadedAt: row.uploadedAt, agentID: row.agentId)
            }
    }

    /// The newest version of each document.
    package func current(of consultationID: Int64) async throws -> [ConsultationDocumentKind: ConsultationDocument] {
        var current: [ConsultationDocumentKind: ConsultationDocument] = [:]
        for document in try await versions(of: consultationID) where current[document.kind] == nil {
            current[document.kind] = document
        }
        return current
    }

    /// Records a download in the registre des retraits: the document and, for a partial download, the chosen
    /// files (one per line).
    package func recordWithdrawal(
        consultationID: Int64, companyID: Int64?, bidderID: Int64?, document: String, entries: [String]?,
        at time: Int64
    ) async throws {
        try await sql.insert(into: "dce_downloads")
            .columns("consultation_id", "company_id", "bidder_id", "downloaded_at", "document", "entries")
            .values(
                SQLBind(consultationID), SQLBind(companyID), SQLBind(bidderID), SQLBind(time), SQLBind(document),
                SQLBind(entries?.joined(separator: "\n"))
            ).run()
    }

    /// Whether the company withdrew a document of the consultation (signed in).
    package func companyWithdrew(_ companyID: Int64, consultationID: Int64) async throws -> Bool {
        try await sql.select().column("id").from("dce_downloads")
            .where("consultation_id", .equal, consultationID).where("company_id", .equal, companyID)
            .limit(1).first() != nil
    }

    /// The e-mail of each bidder who withdrew a document of the consultation while signed in, once each.
    package func withdrawerEmails(of consultationID: Int64) async throws -> [String] {
        struct Email: Codable { var email: String }
        return try await sql.select().distinct().column(SQLColumn("email", table: "b"))
            .from(SQLAlias(SQLIdentifier("dce_downloads"), as: SQLIdentifier("d")))
            .join(
                SQLAlias(SQLIdentifier("bidders"), as: SQLIdentifier("b")),
                on: SQLColumn("bidder_id", table: "d"), .equal, SQLColumn("id", table: "b")
            )
            .where(SQLColumn("consultation_id", table: "d"), .equal, SQLBind(consultationID))
            .all(decoding: Email.self).map(\.email).sorted()
    }
}
