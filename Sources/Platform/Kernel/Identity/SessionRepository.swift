import SQLKit

/// Signed-in sessions, of agents (`sessions`) or of companies' bidders (`bidder_sessions`).
package struct SessionRepository {
    package let sql: any SQLDatabase
    package var kind: SessionKind = .agent

    package init(sql: any SQLDatabase, kind: SessionKind = .agent) {
        self.sql = sql
        self.kind = kind
    }

    /// A session found from its cookie.
    package struct Session: Sendable {
        /// The agent's or the bidder's identifier.
        package let ownerID: Int64
        package let csrfToken: String

        package init(ownerID: Int64, csrfToken: String) {
            self.ownerID = ownerID
            self.csrfToken = csrfToken
        }
    }

    /// Opens a session for `ownerID` under `policy`; returns the cookie's token and the CSRF token.
    package func open(ownerID: Int64, policy: SessionPolicy) async throws -> (token: String, csrfToken: String) {
        let token = SessionToken.random()
        let csrf = SessionToken.random()
        let now = Timestamp.now()
        try await sql.delete(from: kind.table).where("expires_at", .lessThanOrEqual, now).run()
        try await sql.insert(into: kind.table)
            .columns("token_hash", kind.ownerColumn, "csrf_token", "created_at", "expires_at")
            .values(
                SQLBind(SessionToken.hash(token)), SQLBind(ownerID), SQLBind(csrf), SQLBind(now),
                SQLBind(policy.expiry(openedAt: now, now: now))
            )
            .run()
        return (token, csrf)
    }

    /// The live session of this cookie token, if any; finding it counts as activity (``SessionActivity``).
    package func find(token: String, policy: SessionPolicy) async throws -> Session? {
        let now = Timestamp.now()
        guard
            let row = try await sql.select().column(SQLIdentifier(kind.ownerColumn), as: "owner_id")
                .columns("csrf_token", "created_at", "expires_at").from(kind.table)
                .where("token_hash", .equal, SessionToken.hash(token))
                .where("expires_at", .greaterThan, now).first()
        else { return nil }
        try await SessionActivity(sql: sql, policy: policy).touch(
            table: kind.table, tokenHash: SessionToken.hash(token),
            openedAt: try row.decode(column: "created_at", as: Int64.self),
            expiresAt: try row.decode(column: "expires_at", as: Int64.self), at: now)
        return Session(
            ownerID: try row.decode(column: "owner_id", as: Int64.self),
            csrfToken: try row.decode(column: "csrf_token", as: String.self))
    }

    /// Closes every session of `ownerID` but the one of `keptToken` (none when nil).
    package func closeAll(of ownerID: Int64, except keptToken: String? = nil) async throws {
        var delete = sql.delete(from: kind.table).where(SQLIdentifier(kind.ownerColumn), .equal, ownerID)
        if let keptToken { delete = delete.where("token_hash", .notEqual, SessionToken.hash(keptToken)) }
        try await delete.run()
    }

    package func close(token: String) async throws {
        try await sql.delete(from: kind.table).where("token_hash", .equal, SessionToken.hash(token)).run()
    }
}

/// Who a session belongs to, and where it is kept.
package enum SessionKind: String, Sendable, Codable {
    case agent
    case bidder = "entreprise"

    package var table: String { self == .agent ? "sessions" : "bidder_sessions" }
    package var ownerColumn: String { self == .agent ? "agent_id" : "bidder_id" }
    /// The cookie that carries this kind of session.
    package var cookieName: String { self == .agent ? "sceau_session" : "sceau_entreprise" }
}
