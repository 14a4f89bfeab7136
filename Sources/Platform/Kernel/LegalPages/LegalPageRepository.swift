import SQLKit

/// The legal pages' saved texts (`legal_pages`).
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
}
