import PlatformKernel
import SQLKit

extension Migrations {
    /// The platform's failures during deposits, shown to the bidder (``DepositIncident``).
    package static let depositIncidents = Migration(name: "deposits-0002-deposit-incidents") { sql in
        try await sql.create(table: "deposit_incidents")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("deposit_id", type: .bigint, .notNull, .references("deposits", "id"))
            .column("recorded_at", type: .bigint, .notNull)
            .column("node", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("error", type: .text, .notNull)
            .run()
        try await sql.create(index: "deposit_incidents_deposit").on("deposit_incidents").column("deposit_id").run()
    }
}
