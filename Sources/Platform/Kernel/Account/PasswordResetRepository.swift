import SQLKit

/// The one-time links of « Mot de passe oublié »: a random token mailed to the agent, its hash stored here.
package struct PasswordResetRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// A new link's token for `agentID`, valid `lifetime` seconds; the agent's older links stop working.
    package func open(agentID: Int64, lifetime: Int64, at now: Int64) async throws -> String {
        let token = SessionToken.random()
        try await sql.delete(from: "agent_password_resets").where("agent_id", .equal, agentID).run()
        try await sql.insert(into: "agent_password_resets").columns("token_hash", "agent_id", "expires_at")
            .values(SQLBind(SessionToken.hash(token)), SQLBind(agentID), SQLBind(now + lifetime)).run()
        return token
    }

    /// Whether a link of `agentID` was opened after `time` (a new request within a minute sends no second mail).
    package func hasLink(of agentID: Int64, openedAfter time: Int64, lifetime: Int64) async throws -> Bool {
        try await sql.select().column("agent_id").from("agent_password_resets").where("agent_id", .equal, agentID)
            .where("expires_at", .greaterThan, time + lifetime).first() != nil
    }

    /// The agent of a live, unused link.
    package func agent(of token: String, at now: Int64) async throws -> Int64? {
        try await sql.select().column("agent_id").from("agent_password_resets")
            .where("token_hash", .equal, SessionToken.hash(token)).where("expires_at", .greaterThan, now)
            .where("used_at", .is, SQLLiteral.null).first()?.decode(column: "agent_id", as: Int64.self)
    }

    /// Spends the link: it never works again.
    package func use(_ token: String, at now: Int64) async throws {
        try await sql.update("agent_password_resets").set("used_at", to: now)
            .where("token_hash", .equal, SessionToken.hash(token)).run()
    }
}
