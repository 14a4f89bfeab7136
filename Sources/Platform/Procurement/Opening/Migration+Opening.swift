import PlatformKernel
import SQLKit

extension Migrations {
    /// « Ouverture et Analyse »: each pli's admission (« Admissible » / « Non admissible », with a reason), the
    /// ranking (« classement »), and the envelopes downloaded for an opening on the agent's workstation.
    package static let opening = Migration(name: "opening-0001-admissions-ranking") { sql in
        try await sql.create(table: "pli_admissions")
            .column("deposit_id", type: .bigint, .primaryKey(autoIncrement: false), .references("deposits", "id"))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("decision", type: .text, .notNull)
            .column("reason", type: .text, .notNull)
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id"))
            .column("decided_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "pli_admissions_consultation").on("pli_admissions").column("consultation_id")
            .run()
        try await sql.create(table: "pli_ranks")
            .column("deposit_id", type: .bigint, .primaryKey(autoIncrement: false), .references("deposits", "id"))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("rank", type: .bigint, .notNull)
            .column("agent_id", type: .bigint, .notNull, .references("agents", "id"))
            .column("recorded_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "pli_ranks_consultation").on("pli_ranks").column("consultation_id").run()
        try await sql.create(table: "offline_openings")
            .column("deposit_id", type: .bigint, .notNull, .references("deposits", "id"))
            .column("envelope", type: .text, .notNull)
            .column("job_id", type: .text, .notNull, .references("remote_jobs", "id"))
            .column("opened_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "offline_openings_deposit_envelope").on("offline_openings").column("deposit_id")
            .column("envelope").unique().run()
    }
}
