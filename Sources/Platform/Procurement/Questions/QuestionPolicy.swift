import Foundation
import PlatformKernel

/// The rules of questions and answers: bidders ask until the « date limite des questions » (set by the buyer,
/// never after the date limite de remise des plis, which it is by default); an answer is published to the
/// bidders who withdrew the DCE without saying who asked.
package enum QuestionPolicy {
    /// The longest question or answer, in characters.
    package static let maximumLength = 4_000

    /// The date limite des questions: the one the buyer set, else the date limite de remise des plis.
    package static func deadline(of consultation: Consultation, set: Int64?) -> Int64 {
        min(set ?? consultation.deadline, consultation.deadline)
    }

    /// The question's text, trimmed; refused when empty, too long, or asked after `deadline`.
    package static func checkQuestion(_ text: String, deadline: Int64, now: Int64) throws(DomainError) -> String {
        guard now < deadline else {
            throw .forbidden(
                reason: "La date limite des questions (\(ParisTime.format(deadline)), heure de Paris) est passée : "
                    + "la question n'est pas enregistrée.")
        }
        return try checkText(text, field: "question")
    }

    /// A date limite des questions the buyer sets: not after the date limite de remise des plis.
    package static func checkDeadline(_ deadline: Int64, of consultation: Consultation) throws(DomainError) {
        guard deadline <= consultation.deadline else {
            throw .invalidField(
                field: "date limite des questions",
                reason:
                    "Elle doit précéder la date limite de remise des plis (\(ParisTime.format(consultation.deadline)))."
            )
        }
    }

    /// The answer's text, trimmed; refused when empty or too long, or when the question already has one.
    package static func checkAnswer(_ text: String, to question: ConsultationQuestion) throws(DomainError) -> String {
        guard !question.isAnswered else {
            throw .conflict(reason: "Cette question a déjà une réponse publiée : elle ne peut plus être modifiée.")
        }
        return try checkText(text, field: "réponse")
    }

    private static func checkText(_ text: String, field: String) throws(DomainError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField(field: field, reason: "Écrivez le texte de la \(field).") }
        guard trimmed.count <= maximumLength else {
            throw .invalidField(field: field, reason: "Au plus \(maximumLength) caractères (\(trimmed.count) saisis).")
        }
        return trimmed
    }

    /// What a company sees: its own questions (answered or not), and, when it withdrew the DCE, every published
    /// answer, numbered in the order the questions were asked, without who asked.
    package static func view(
        of questions: [ConsultationQuestion], by companyID: Int64?, withdrew: Bool
    ) -> (own: [ConsultationQuestion], published: [PublishedAnswer]) {
        let ordered = questions.sorted { ($0.askedAt, $0.id ?? 0) < ($1.askedAt, $1.id ?? 0) }
        let own = companyID.map { id in ordered.filter { $0.companyID == id } } ?? []
        guard withdrew else { return (own, []) }
        let published = ordered.filter(\.isAnswered).enumerated().map { index, question in
            PublishedAnswer(
                number: index + 1, question: question.text, answer: question.answer ?? "",
                answeredAt: question.answeredAt ?? 0)
        }
        return (own, published)
    }
}
