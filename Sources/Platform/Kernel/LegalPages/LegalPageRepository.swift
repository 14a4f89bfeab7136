import SQLKit

/// The legal pages' saved texts (`legal_pages`) and their PDFs (`legal_documents`).
package struct LegalPageRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The text an administrator saved, or `nil` when the page still has the shipped one.
    package func text(of page: LegalPage) async throws -> String? {
        try await sql.select().column("body").from("legal_pages").where("page", .equal, page.rawValue)
            .first(decodingColumn: "body", as: String.self)
    }

    /// Replaces the page's text.
    package func save(_ text: String, of page: LegalPage, by agentID: Int64, at time: Int64) async throws {
        try await sql.delete(from: "legal_pages").where("page", .equal, page.rawValue).run()
        try await sql.insert(into: "legal_pages").columns("page", "body", "updated_by", "updated_at")
            .values(SQLBind(page.rawValue), SQLBind(text), SQLBind(agentID), SQLBind(time)).run()
    }

    /// The PDF offered beside the page, if an administrator uploaded one.
    package func document(of page: LegalPage) async throws -> LegalDocument? {
        try await sql.select().columns("file_name", "size", "sha256", "uploaded_by", "uploaded_at")
            .from("legal_documents").where("page", .equal, page.rawValue)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map {
                LegalDocument(
                    page: page, fileName: $0.fileName, size: $0.size, sha256: $0.sha256, uploadedBy: $0.uploadedBy,
                    uploadedAt: $0.uploadedAt)
            }
    }

    /// Replaces the page's PDF.
    package func save(_ document: LegalDocument) async throws {
        try await removeDocument(of: document.page)
        try await sql.insert(into: "legal_documents")
            .columns("page", "file_name", "size", "sha256", "uploaded_by", "uploaded_at")
            .values(
                SQLBind(document.page.rawValue), SQLBind(document.fileName), SQLBind(document.size),
                SQLBind(document.sha256), SQLBind(document.uploadedBy), SQLBind(document.uploadedAt)
            ).run()
    }

    /// Withdraws the page's PDF (the stored file stays: the journal names it by its SHA-256).
    package func removeDocument(of page: LegalPage) async throws {
        try await sql.delete(from: "legal_documents").where("page", .equal, page.rawValue).run()
    }

    private struct Row: Decodable {
        let fileName: String
        let size: Int64
        let sha256: String
        let uploadedBy: Int64
        let uploadedAt: Int64
    }
}
