import SQLKit

/// Moves a live session's end forward after a request, by its ``SessionPolicy``: one conditional `UPDATE`
/// that writes only when the end moves by at least ``SessionPolicy/touchStep`` and never past the lifetime.
package struct SessionActivity {
    package let sql: any SQLDatabase
    package let policy: SessionPolicy

    package init(sql: any SQLDatabase, policy: SessionPolicy) {
        self.sql = sql
        self.policy = policy
    }

    /// Records a request of the session `tokenHash` in `table` (its columns `created_at`, `expires_at`).
    package func touch(table: String, tokenHash: String, at now: Int64) async throws {
        let idleEnd = now + policy.idleTimeout
        let lifetime = policy.lifetime
        // Numbers as literals (ours, never a user's): PostgreSQL then needs no parameter type inference.
        let end: SQLQueryString =
            "CASE WHEN created_at + \(literal: lifetime) < \(literal: idleEnd) THEN created_at + \(literal: lifetime) ELSE \(literal: idleEnd) END"
        try await sql.raw(
            """
            UPDATE \(ident: table) SET expires_at = \(end)
            WHERE token_hash = \(bind: tokenHash) AND expires_at > \(literal: now)
            AND expires_at <= (\(end)) - \(literal: policy.touchStep)
            """
        ).run()
    }
}
