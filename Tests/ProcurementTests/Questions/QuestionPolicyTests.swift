import Foundation
import Testing

@testable import PlatformKernel
@testable import Procurement

/// The rules of questions and answers: the date limite des questions, the texts, one answer per question, and
/// what each company sees (never who asked someone else's question).
struct QuestionPolicyTests {
    static func consultation(deadline: Int64 = 10_000) throws -> Consultation {
        Consultation(
            id: 1, reference: try ConsultationReference("AOO_2026_007"), organisationID: 1, createdBy: 1,
            contractType: .publicContract, procedureType: .openTender, category: .works, title: "Voirie",
            object: "Voirie", placeOfExecution: "Paris", deadline: deadline, onlineFrom: 0)
    }

    @Test func theDeadlineIsTheBuyersOrElseThePlisDeadline() throws {
        let consultation = try Self.consultation()
        #expect(QuestionPolicy.deadline(of: consultation, set: nil) == 10_000)
        #expect(QuestionPolicy.deadline(of: consultation, set: 8_000) == 8_000)
        // A date stored before the plis deadline was moved earlier never lets questions run past it.
        #expect(QuestionPolicy.deadline(of: consultation, set: 12_000) == 10_000)
        try QuestionPolicy.checkDeadline(9_999, of: consultation)
        #expect(throws: DomainError.self) { try QuestionPolicy.checkDeadline(10_001, of: consultation) }
    }

    @Test func questionsAreRefusedFromTheDeadlineOn() throws {
        #expect(
            try QuestionPolicy.checkQuestion("  Le lot 2 inclut-il la pose ?\n", deadline: 100, now: 99)
                == "Le lot 2 inclut-il la pose ?")
        #expect(throws: DomainError.self) { try QuestionPolicy.checkQuestion("Question ?", deadline: 100, now: 100) }
        #expect(throws: DomainError.self) { try QuestionPolicy.checkQuestion("Question ?", deadline: 100, now: 500) }
        #expect(throws: DomainError.self) { try QuestionPolicy.checkQuestion(" \n ", deadline: 100, now: 1) }
        let long = String(repeating: "a", count: QuestionPolicy.maximumLength + 1)
        #expect(throws: DomainError.self) { try QuestionPolicy.checkQuestion(long, deadline: 100, now: 1) }
    }

    @Test func aQuestionIsAnsweredOnce() throws {
        var question = ConsultationQuestion(
            consultationID: 1, companyID: 7, bidderID: 70, text: "Visite obligatoire ?", askedAt: 10)
        #expect(try QuestionPolicy.checkAnswer(" Non. ", to: question) == "Non.")
        #expect(throws: DomainError.self) { try QuestionPolicy.checkAnswer("", to: question) }
        question.answer = "Non."
        #expect(throws: DomainError.self) { try QuestionPolicy.checkAnswer("Oui.", to: question) }
    }

    @Test func answersReachTheWithdrawersWithoutTheAskingCompany() {
        let questions = [
            ConsultationQuestion(
                id: 1, consultationID: 1, companyID: 7, bidderID: 70, text: "Durand SARL demande : visite ?",
                askedAt: 10, answer: "Non, pas de visite.", answeredAt: 20, answeredBy: 3),
            ConsultationQuestion(id: 2, consultationID: 1, companyID: 7, bidderID: 70, text: "Délai ?", askedAt: 11),
            ConsultationQuestion(
                id: 3, consultationID: 1, companyID: 8, bidderID: 80, text: "Variantes ?", askedAt: 12,
                answer: "Autorisées.", answeredAt: 30, answeredBy: 3),
        ]
        // Company 9 withdrew the DCE: both answers, numbered, and nothing that says who asked.
        let other = QuestionPolicy.view(of: questions, by: 9, withdrew: true)
        #expect(other.own.isEmpty)
        #expect(other.published.map(\.number) == [1, 2])
        #expect(other.published.map(\.answer) == ["Non, pas de visite.", "Autorisées."])
        let fields = Mirror(reflecting: other.published[0]).children.compactMap(\.label)
        #expect(Set(fields) == ["number", "question", "answer", "answeredAt"])
        // Company 7 sees its two questions, the unanswered one too; not the others' unanswered ones.
        let asker = QuestionPolicy.view(of: questions, by: 7, withdrew: true)
        #expect(asker.own.map(\.id) == [1, 2])
        #expect(asker.published.count == 2)
        // Without a withdrawal (or signed out): no published answer.
        #expect(QuestionPolicy.view(of: questions, by: 9, withdrew: false).published.isEmpty)
        #expect(QuestionPolicy.view(of: questions, by: nil, withdrew: false).own.isEmpty)
    }

    @Test func theMailOfAnAnswerNamesNoCompany() throws {
        let mail = QuestionService.mail(
            consultation: try Self.consultation(), question: "Variantes ?", answer: "Autorisées.",
            to: "b@example.invalid", from: "ne-pas-repondre@sceau.invalid")
        #expect(mail.subject == "Consultation AOO_2026_007 : réponse à une question")
        #expect(mail.body.contains("Variantes ?") && mail.body.contains("Autorisées."))
        #expect(mail.body.contains("/consultations-publiques/AOO_2026_007#questions"))
    }
}
