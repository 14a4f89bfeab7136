import PlatformKernel

/// The « Questions » tab of a consultation's page for agents: the date limite des questions (and its form), the
/// registre des questions with each company, and an answer form per unanswered question.
package struct QuestionsTabView: Sendable {
    package let csrfToken: String
    package let canAnswer: Bool
    package let deadline: String
    package let deadlineInput: String
    package let deadlineNote: String
    package let deadlinePath: String
    /// A refused date limite des questions: the reason beside its field (`date-limite-questions`).
    package let deadlineError: String
    package let hasDeadlineError: Bool
    package let questions: [Line]
    package let hasQuestions: Bool
    package let csvPath: String

    package struct Line: Sendable {
        package let number: String
        package let id: String
        package let askedAt: String
        package let company: String
        package let question: String
        package let answered: Bool
        package let answer: String
        package let answeredAt: String
        package let answerPath: String
        /// A refused answer to this question: the reason beside the field and the text typed.
        package let hasError: Bool
        package let error: String
        package let typedAnswer: String
    }

    /// A refused form of the tab, shown again beside its field with what was typed.
    package enum Refusal: Sendable {
        /// An answer to the question `questionID`, field `reponse-<question>`.
        case answer(questionID: Int64, text: String, FormRefusal)
        /// The date limite des questions, field `date-limite-questions`.
        case deadline(text: String, FormRefusal)

        /// The refused field's `id`, which the page's error summary links to.
        package var fieldID: String {
            switch self {
            case .answer(let questionID, _, _): "reponse-\(questionID)"
            case .deadline: "date-limite-questions"
            }
        }
    }

    package init(
        consultationID id: Int64, register: QuestionService.Register, csrfToken: String,
        refusal: Refusal? = nil
    ) {
        var answerRefusal: (questionID: Int64, text: String, reason: String)?
        var deadlineRefusal: (text: String, reason: String)?
        switch refusal {
        case .answer(let questionID, let text, let refusal): answerRefusal = (questionID, text, refusal.reason)
        case .deadline(let text, let refusal): deadlineRefusal = (text, refusal.reason)
        case nil: break
        }
        self.csrfToken = csrfToken
        canAnswer = register.canAnswer
        deadline = ParisTime.format(register.deadline)
        deadlineInput = deadlineRefusal?.text ?? ParisTime.format(register.deadline)
        deadlineError = deadlineRefusal?.reason ?? ""
        hasDeadlineError = deadlineRefusal != nil
        deadlineNote =
            register.deadlineWasSet
            ? "Fixée par l'acheteur." : "Par défaut, la date limite de remise des plis."
        deadlinePath = "/consultations/\(id)/questions/date-limite"
        questions = register.questions.enumerated().map { index, line in
            Line(
                number: String(index + 1), id: String(line.id), askedAt: FrenchTime.text(line.askedAt),
                company: line.siret.isEmpty ? line.companyName : "\(line.companyName) (SIRET \(line.siret))",
                question: line.question, answered: line.answer != nil, answer: line.answer ?? "",
                answeredAt: line.answeredAt.map(FrenchTime.text) ?? "",
                answerPath: "/consultations/\(id)/questions/\(line.id)/reponse",
                hasError: answerRefusal?.questionID == line.id,
                error: answerRefusal?.questionID == line.id ? answerRefusal?.reason ?? "" : "",
                typedAnswer: answerRefusal?.questionID == line.id ? answerRefusal?.text ?? "" : "")
        }
        hasQuestions = !questions.isEmpty
        csvPath = "/api/consultations/\(id)/registres/questions.csv"
    }
}
