import SQLKit

extension Migrations {
    /// The sign-in failure counters (``SignInFailureRepository``), in the database so that every node of the
    /// platform shares them: one row per account (`agent:login`, `company:login`, `citizen:e-mail`) or source
    /// address (`address:192.0.2.1`).
    package static let signInFailures = Migration(name: "0016-sign-in-failures") { sql in
        try await sql.create(table: "sign_in_failures")
            .column("throttle_key", type: .text, .primaryKey(autoIncrement: false))
            .column("failures", type: .bigint, .notNull)
            .column("last_failure_at", type: .bigint, .notNull)
            .column("locked_until", type: .bigint, .notNull)
            .run()
    }
}
