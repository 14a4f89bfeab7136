import SQLKit

extension Migrations {
    /// Who runs each periodic task of the cluster (``BackgroundLeases``): one row per task.
    package static let backgroundLeases = Migration(name: "cluster-0001-background-leases") { sql in
        try await sql.create(table: "background_leases")
            .column("task", type: .text, .primaryKey(autoIncrement: false))
            .column("holder", type: .text, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("last_run_at", type: .bigint, .notNull)
            .run()
    }
}
