/// A bidder's question on a consultation and, once given, the buyer's answer.
package struct ConsultationQuestion: Sendable, Codable, Equatable {
    package var id: Int64?
    package let consultationID: Int64
    package let companyID: Int64
    package let bidderID: Int64
    package let text: String
    package let askedAt: Int64
    package var answer: String?
    package var answeredAt: Int64?
    package var answeredBy: Int64?

    package init(
        id: Int64? = nil, consultationID: Int64, companyID: Int64, bidderID: Int64, text: String, askedAt: Int64,
        answer: String? = nil, answeredAt: Int64? = nil, answeredBy: Int64? = nil
    ) {
        self.id = id
        self.consultationID = consultationID
        self.companyID = companyID
        self.bidderID = bidderID
        self.text = text
        self.askedAt = askedAt
        self.answer = answer
        self.answeredAt = answeredAt
        self.answeredBy = answeredBy
    }

    package var isAnswered: Bool { answer != nil }
}

/// An answer as other bidders see it: the question and its answer, never who asked.
package struct PublishedAnswer: Sendable, Equatable {
    package let number: Int
    package let question: String
    package let answer: String
    package let answeredAt: Int64

    package init(number: Int, question: String, answer: String, answeredAt: Int64) {
        self.number = number
        self.question = question
        self.answer = answer
        self.answeredAt = answeredAt
    }
}
