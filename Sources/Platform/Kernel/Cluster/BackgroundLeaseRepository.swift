import SQLKit

/// The `background_leases` table. Taking a lease is one conditional statement, atomic on SQLite and PostgreSQL
/// alike: the row is created if absent (`INSERT … ON CONFLICT DO NOTHING`), then taken only by its holder or
/// once expired (`UPDATE … WHERE holder = me OR expires_at <= now RETURNING …`). Of two nodes updating at
/// once, PostgreSQL makes the second re-read the row the first wrote, and SQLite runs one writer at a time.
package struct BackgroundLeaseRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private static let columns = ["task", "holder", "expires_at", "last_run_at"]

    /// Takes or renews `task`'s lease for `node` until `until`; `nil` when another node holds it unexpired.
    package func take(_ task: String, for node: String, until: Int64, now: Int64) async throws -> BackgroundLease? {
        try await sql.insert(into: "background_leases").columns(Self.columns)
            .values(SQLBind(task), SQLBind(node), SQLBind(until), SQLBind(Int64(0)))
            .ignoringConflicts(with: ["task"])
            .run()
        return try await sql.update("background_leases")
            .set("holder", to: node).set("expires_at", to: until)
            .where("task", .equal, task)
            .where { $0.where("holder", .equal, node).orWhere("expires_at", .lessThanOrEqual, now) }
            .returning("task", "holder", "expires_at", "last_run_at")
            .first(decoding: BackgroundLease.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Records that `task` ran at `time`, if `node` still holds it; whether it does.
    @discardableResult
    package func markRun(_ task: String, by node: String, at time: Int64) async throws -> Bool {
        try await sql.update("background_leases").set("last_run_at", to: time)
            .where("task", .equal, task).where("holder", .equal, node)
            .returning("task").first() != nil
    }

    /// Gives `task` up, if `node` holds it: another node takes it at its next look.
    package func release(_ task: String, by node: String) async throws {
        try await sql.update("background_leases").set("expires_at", to: Int64(0))
            .where("task", .equal, task).where("holder", .equal, node)
            .run()
    }

    /// The lease of `task`, if any.
    package func find(_ task: String) async throws -> BackgroundLease? {
        try await sql.select().columns(Self.columns).from("background_leases").where("task", .equal, task)
            .first(decoding: BackgroundLease.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}
