import PlatformKernel
import SQLKit

extension Migrations {
    /// Bidders' questions on consultations and their answers, and each consultation's date limite des questions.
    package static let questions = Migration(name: "questions-and-answers") { sql in
        try await sql.create(table: "consultation_questions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("consultation_id", type: .bigint, .notNull, .references("consultations", "id"))
            .column("company_id", type: .bigint, .notNull, .references("companies", "id"))
            .column("bidder_id", type: .bigint, .notNull, .references("bidders", "id"))
            .column("text", type: .text, .notNull)
            .column("asked_at", type: .bigint, .notNull)
            .column("answer", type: .text)
            .column("answered_at", type: .bigint)
            .column("answered_by", type: .bigint, .references("agents", "id"))
            .run()
        try await sql.create(index: "consultation_questions_consultation").on("consultation_questions")
            .column("consultation_id").run()
        try await sql.create(table: "question_deadlines")
            .column(
                "consultation_id", type: .bigint, .primaryKey(autoIncrement: false), .references("consultations", "id")
            )
            .column("deadline", type: .bigint, .notNull)
            .run()
    }
}
