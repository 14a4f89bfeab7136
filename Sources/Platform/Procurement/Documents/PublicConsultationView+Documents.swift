import PlatformKernel

extension PublicConsultationView {
    /// Adds the documents section and the questions and answers of `consultation` for `bidder` (or a visitor).
    package mutating func add(
        documents: DocumentService?, questions: QuestionService?, of consultation: Consultation,
        for bidder: SignedInBidder?, questionRefusal: PublicQuestionsView.Refusal? = nil
    ) async throws {
        let reference = consultation.reference.value
        if let documents {
            let (_, current, files) = try await documents.published(reference: reference)
            documentsSection = [
                PublicDocumentsView(
                    reference: reference, documents: current, files: files, bidder: bidder,
                    restricted: consultation.accessCode != nil)
            ]
        }
        if let questions {
            questionsSection = [
                PublicQuestionsView(
                    reference: reference, view: try await questions.bidderView(of: consultation, for: bidder),
                    bidder: bidder, refusal: questionRefusal)
            ]
        }
    }
}
