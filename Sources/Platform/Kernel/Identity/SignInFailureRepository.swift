import SQLKit

/// The sign-in failure counters of ``SignInThrottle``, one row per account or source address.
package struct SignInFailureRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The latest end of the locks on `keys` still running at `now`, if any.
    package func lockedUntil(_ keys: [String], at now: Int64) async throws -> Int64? {
        guard !keys.isEmpty else { return nil }
        return try await sql.select().column("locked_until").from("sign_in_failures")
            .where("throttle_key", .in, keys).where("locked_until", .greaterThan, now)
            .all(decodingColumn: "locked_until", as: Int64.self).max()
    }

    /// Counts one more failure of `key` at `now` in one statement (so that two nodes counting at once lose
    /// nothing); a counter idle for `forgetAfter` seconds starts again at one. Returns the new count.
    package func recordFailure(_ key: String, at now: Int64, forgetAfter: Int64) async throws -> Int64 {
        try await sql.raw(
            """
            INSERT INTO sign_in_failures (throttle_key, failures, last_failure_at, locked_until)
            VALUES (\(bind: key), 1, \(bind: now), 0)
            ON CONFLICT (throttle_key) DO UPDATE SET
            failures = CASE WHEN sign_in_failures.last_failure_at < \(bind: now - forgetAfter) THEN 1
            ELSE sign_in_failures.failures + 1 END,
            last_failure_at = \(bind: now)
            """
        ).run()
        return try await sql.select().column("failures").from("sign_in_failures")
            .where("throttle_key", .equal, key).first(decodingColumn: "failures", as: Int64.self) ?? 1
    }

    /// Locks `key` until `until`.
    package func lock(_ key: String, until: Int64) async throws {
        try await sql.update("sign_in_failures").set("locked_until", to: until).where("throttle_key", .equal, key)
            .run()
    }

    /// Forgets the failures of `key` (a successful sign-in).
    package func reset(_ key: String) async throws {
        try await sql.delete(from: "sign_in_failures").where("throttle_key", .equal, key).run()
    }
}
