import PlatformKernel

/// Questions and answers on a published consultation's page for companies: the date limite des questions, the
/// form to ask (signed in, before that date), the company's own questions, and the published answers (for
/// companies that withdrew the DCE), never naming who asked.
package struct PublicQuestionsView: Sendable {
    package let deadline: String
    package let open: Bool
    package let signedIn: Bool
    package let csrfToken: String
    package let askPath: String
    package let withdrew: Bool
    package let own: [Own]
    package let hasOwn: Bool
    package let published: [Published]
    package let hasPublished: Bool
    package let maximumLength: String
    /// A refused question: the reason beside the field and the text typed.
    package let error: String
    package let hasError: Bool
    package let typedQuestion: String

    /// A question refused (empty, too long, after the date limite des questions), shown again beside its field.
    package struct Refusal: Sendable {
        package let text: String
        package let refusal: FormRefusal

        package init(text: String, refusal: FormRefusal) {
            self.text = text
            self.refusal = refusal
        }
    }

    package struct Own: Sendable {
        package let askedAt: String
        package let question: String
        package let answered: Bool
        package let answer: String
    }

    package struct Published: Sendable {
        package let number: String
        package let question: String
        package let answer: String
        package let answeredAt: String
    }

    package init(
        reference: String, view: QuestionService.BidderView, bidder: SignedInBidder?, refusal: Refusal? = nil
    ) {
        deadline = ParisTime.format(view.deadline)
        open = view.open
        signedIn = bidder != nil
        csrfToken = bidder?.csrfToken ?? ""
        askPath = "/consultations-publiques/\(percentEncode(reference))/questions"
        withdrew = view.withdrew
        own = view.own.map {
            Own(
                askedAt: FrenchTime.text($0.askedAt), question: $0.text, answered: $0.isAnswered,
                answer: $0.answer ?? "")
        }
        hasOwn = !own.isEmpty
        published = view.published.map {
            Published(
                number: String($0.number), question: $0.question, answer: $0.answer,
                answeredAt: FrenchTime.text($0.answeredAt))
        }
        hasPublished = !published.isEmpty
        maximumLength = String(QuestionPolicy.maximumLength)
        error = refusal?.refusal.reason ?? ""
        hasError = refusal != nil
        typedQuestion = refusal?.text ?? ""
    }
}
