import PlatformKernel
import SQLKit

extension Migrations {
    /// The favourites (★) agents mark on the « Tableau de bord »; the consultations an agent created are
    /// automatic favourites and need no row.
    package static let dashboardFavourites = Migration(name: "dashboard-0001-favourites") { sql in
        try await sql.create(table: "consultation_favourites")
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id", onDelete: .cascade))
            .column(
                "consultation_id", type: .bigint, .notNull, .references("consultations", "id", onDelete: .cascade)
            )
            .column("added_at", type: .bigint, .notNull)
            .primaryKey("agent_id", "consultation_id")
            .run()
    }
}
