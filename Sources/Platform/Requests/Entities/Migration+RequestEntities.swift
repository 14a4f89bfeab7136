import PlatformKernel
import SQLKit

extension Migrations {
    /// Per-entity catalogues (issue 20, item 1): categories, letter templates and households belong to a
    /// top-level public entity; existing rows go to the first one (the demo's entity); the platform's
    /// super-administrators of the requests.
    package static let requestEntities = Migration(name: "requests-entities") { sql in
        for table in RequestEntityRepository.ownedTables {
            try await sql.alter(table: table).column("entity_id", type: .bigint).run()
            try await sql.create(index: "\(table)_entity").on(table).column("entity_id").run()
        }
        try await sql.create(table: "request_platform_administrators")
            .column(
                "agent_id", type: .bigint, .primaryKey(autoIncrement: false),
                .references("agents", "id", onDelete: .cascade)
            )
            .run()
        guard let first = try await RequestEntityRepository(sql: sql).defaultEntity() else { return }
        for table in RequestEntityRepository.ownedTables {
            try await sql.update(table).set("entity_id", to: first).run()
        }
    }
}
