import SQLKit

/// One step of the schema, applied once and recorded in `schema_migrations`.
package struct Migration: Sendable {
    /// A stable, ordered name such as `0001-organisations`.
    package let name: String
    package let prepare: @Sendable (any SQLDatabase) async throws -> Void

    package init(name: String, prepare: @escaping @Sendable (any SQLDatabase) async throws -> Void) {
        self.name = name
        self.prepare = prepare
    }
}

/// The namespace of the schema's migrations: each library adds its own (`extension Migrations`), and the
/// application lists them in order (`Migrations.all`).
package enum Migrations {}

/// Applies the pending ``Migration``s in order, each in its own transaction.
package struct Migrator {
    package let database: Database
    package var migrations: [Migration]

    package init(database: Database, migrations: [Migration]) {
        self.database = database
        self.migrations = migrations
    }

    /// Applies what is pending and returns the names applied, in order.
    package func migrate() async throws -> [String] {
        try await database.transaction { sql in
            try await sql.create(table: "schema_migrations").ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
        var applied: [String] = []
        for migration in migrations {
            let done = try await database.transaction { sql in
                let existing = try await sql.select().column("name").from("schema_migrations")
                    .where("name", .equal, migration.name).first()
                if existing != nil { return false }
                try await migration.prepare(sql)
                try await sql.insert(into: "schema_migrations").columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(Timestamp.now()))
                    .run()
                return true
            }
            if done { applied.append(migration.name) }
        }
        return applied
    }
}
