import SQLKit

/// Signed-in sessions of agents.
struct SessionRepository {
    let sql: any SQLDatabase

    /// A session found from its cookie.
    struct Session: Sendable {
        let agentID: Int64
        let csrfToken: String
    }

    /// Opens a session for `agentID` lasting `lifetime` seconds; returns the cookie's token and the CSRF token.
    func open(agentID: Int64, lifetime: Int64) async throws -> (token: String, csrfToken: String) {
        let token = SessionToken.random()
        let csrf = SessionToken.random()
        let now = Timestamp.now()
        try await sql.delete(from: "sessions").where("expires_at", .lessThanOrEqual, now).run()
        try await sql.insert(into: "sessions")
            .columns("token_hash", "agent_id", "csrf_token", "created_at", "expires_at")
            .values(
                SQLBind(SessionToken.hash(token)), SQLBind(agentID), SQLBind(csrf), SQLBind(now),
                SQLBind(now + lifetime)
            )
            .run()
        return (token, csrf)
    }

    /// The live session of this cookie token, if any.
    func find(token: String) async throws -> Session? {
        struct Row: Codable {
            let agentId: Int64
            let csrfToken: String
        }
        return try await sql.select().columns("agent_id", "csrf_token").from("sessions")
            .where("token_hash", .equal, SessionToken.hash(token)).where("expires_at", .greaterThan, Timestamp.now())
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { Session(agentID: $0.agentId, csrfToken: $0.csrfToken) }
    }

    func close(token: String) async throws {
        try await sql.delete(from: "sessions").where("token_hash", .equal, SessionToken.hash(token)).run()
    }
}
