import SQLKit

/// Moves a live session's end forward after a request, by its ``SessionPolicy``: the caller read the session's
/// `created_at` and `expires_at` with it, so most requests write nothing; the end is written again only when it
/// moves by at least ``SessionPolicy/touchStep``, and never past the lifetime.
package struct SessionActivity {
    package let sql: any SQLDatabase
    package let policy: SessionPolicy

    package init(sql: any SQLDatabase, policy: SessionPolicy) {
        self.sql = sql
        self.policy = policy
    }

    /// Records a request at `now` of the session `tokenHash` in `table`, opened at `openedAt` and ending at
    /// `expiresAt` until now.
    package func touch(table: String, tokenHash: String, openedAt: Int64, expiresAt: Int64, at now: Int64)
        async throws
    {
        let end = policy.expiry(openedAt: openedAt, now: now)
        guard end - expiresAt >= policy.touchStep else { return }
        try await sql.update(table).set("expires_at", to: end).where("token_hash", .equal, tokenHash)
            .where("expires_at", .greaterThan, now).run()
    }
}
