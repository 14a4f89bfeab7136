import PlatformKernel
import SQLKit

/// Reads and writes questions, answers and the dates limites des questions.
package struct QuestionRepository: Sendable {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        var id: Int64
        var consultationId: Int64
        var companyId: Int64
        var bidderId: Int64
        var text: String
        var askedAt: Int64
        var answer: String?
        var answeredAt: Int64?
        var answeredBy: Int64?
    }

    package func add(_ question: ConsultationQuestion) async throws {
        try await sql.insert(into: "consultation_questions")
            .columns("consultation_id", "company_id", "bidder_id", "text", "asked_at")
            .values(
                SQLBind(question.consultationID), SQLBind(question.companyID), SQLBind(question.bidderID),
                SQLBind(question.text), SQLBind(question.askedAt)
            ).run()
    }

    /// The questions of a consultation, in the order they were asked.
    package func questions(of consultationID: Int64) async throws -> [ConsultationQuestion] {
        try await select().where("consultation_id", .equal, consultationID).orderBy("id")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    package func find(_ id: Int64) async throws -> ConsultationQuestion? {
        try await select().where("id", .equal, id)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).map(Self.model)
    }

    /// Records the answer, unless another was recorded meanwhile; whether this one was.
    package func answer(_ id: Int64, with text: String, by agentID: Int64, at time: Int64) async throws -> Bool {
        try await sql.update("consultation_questions")
            .set("answer", to: text).set("answered_at", to: time).set("answered_by", to: agentID)
            .where("id", .equal, id).where("answer", .is, SQLLiteral.null).run()
        return try await find(id)?.answeredBy == agentID
    }

    /// The date limite des questions the buyer set, if any.
    package func deadline(of consultationID: Int64) async throws -> Int64? {
        struct Deadline: Codable { var deadline: Int64 }
        return try await sql.select().column("deadline").from("question_deadlines")
            .where("consultation_id", .equal, consultationID).first(decoding: Deadline.self)?.deadline
    }

    package func setDeadline(_ deadline: Int64, of consultationID: Int64) async throws {
        try await sql.delete(from: "question_deadlines").where("consultation_id", .equal, consultationID).run()
        try await sql.insert(into: "question_deadlines").columns("consultation_id", "deadline")
            .values(SQLBind(consultationID), SQLBind(deadline)).run()
    }

    private func select() -> SQLSelectBuilder {
        sql.select()
            .columns(
                "id", "consultation_id", "company_id", "bidder_id", "text", "asked_at", "answer", "answered_at",
                "answered_by"
            )
            .from("consultation_questions")
    }

    private static func model(_ row: Row) -> ConsultationQuestion {
        ConsultationQuestion(
            id: row.id, consultationID: row.consultationId, companyID: row.companyId, bidderID: row.bidderId,
            text: row.text, askedAt: row.askedAt, answer: row.answer, answeredAt: row.answeredAt,
            answeredBy: row.answeredBy)
    }
}
