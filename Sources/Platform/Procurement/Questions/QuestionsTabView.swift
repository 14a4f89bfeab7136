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

    /// A refused answer, shown again beside its field (`reponse-<question>`) with the text typed.
    package struct AnswerRefusal: Sendable {
        package let questionID: Int64
        package let text: String
        package let refusal: FormRefusal

        package init(questionID: Int64, text: String, refusal: FormRefusal) {
            self.questionID = questionID
            self.text = text
            self.refusal = refusal
        }
    }

    package init(
        consultationID id: Int64, register: QuestionService.Register, csrfToken: String,
        refusal: AnswerRefusal? = nil
    ) {
        self.csrfToken = csrfToken
        canAnswer = register.canAnswer
        deadline = ParisTime.format(register.deadline)
        deadlineInput = ParisTime.format(register.deadline)
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
                hasError: refusal?.questionID == line.id,
                error: refusal?.questionID == line.id
                    ? refusal?.refusal.reason ?? "" : "",
                typedAnswer: refusal?.questionID == line.id ? refusal?.text ?? "" : "")
        }
        hasQuestions = !questions.isEmpty
        csvPath = "/api/consultations/\(id)/registres/questions.csv"
    }
}
