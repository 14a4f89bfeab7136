import Foundation
import Hummingbird
import PlatformKernel

/// Questions and answers: a signed-in company asks from the consultation's page
/// (`POST /consultations-publiques/:reference/questions`); agents set the date limite des questions and answer
/// from the consultation's « Questions » tab; the registre des questions as JSON and CSV
/// (`/api/consultations/:id/questions`, `…/registres/questions.csv`). See docs/openapi.yaml.
package struct QuestionController: Sendable {
    package let questions: QuestionService
    /// Shows the consultation's page again with a refused answer or date beside its field.
    package var consultations: ConsultationController?
    /// Shows the public consultation's page again with a refused question beside its field.
    package var companyPages: CompanyPagesController?

    package init(questions: QuestionService) {
        self.questions = questions
    }

    package struct QuestionForm: Decodable {
        package var question: String?
    }

    package struct DeadlineForm: Decodable {
        package var date: String?
    }

    package struct AnswerForm: Decodable {
        package var reponse: String?
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.group("consultations-publiques", context: BidderRequestContext.self).post(
            ":reference/questions", use: ask)
        let pages = router.group("consultations", context: AgentRequestContext.self)
        pages.post(":id/questions/date-limite", use: setDeadline)
        pages.post(":id/questions/:question/reponse", use: answer)
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("consultations/:id/questions", use: list)
        api.get("consultations/:id/registres/questions.csv", use: csv)
    }

    @Sendable package func ask(_ request: Request, context: BidderRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(QuestionForm.self, from: request, context: context)
        let reference: String = try context.parameters.require("reference")
        do {
            try await questions.ask(form.question ?? "", reference: reference, by: context.signedIn)
        } catch let error as DomainError where error.status != .notFound && companyPages != nil {
            let page = try await companyPages?.consultationPage(
                reference, bidder: context.signedIn, host: request.head.authority,
                questionRefusal: PublicQuestionsView.Refusal(text: form.question ?? "", refusal: FormRefusal(error)))
            return try page?.response(status: error.status, from: request, context: context)
                ?? .redirect(to: "/consultations-publiques/\(percentEncode(reference))#questions")
        }
        return .redirect(to: "/consultations-publiques/\(percentEncode(reference))#questions", type: .normal)
    }

    @Sendable package func setDeadline(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(DeadlineForm.self, from: request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            try await questions.setDeadline(form.date ?? "", of: id, by: context.signedIn.authority)
        } catch let error as DomainError where error.status != .notFound && consultations != nil {
            return try await consultations?.consultationPage(
                id, error: error, questionsRefusal: .deadline(text: form.date ?? "", FormRefusal(error)),
                request: request, context: context) ?? .redirect(to: "/consultations/\(id)#questions")
        }
        return .redirect(to: "/consultations/\(id)#questions", type: .normal)
    }

    @Sendable package func answer(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(AnswerForm.self, from: request, context: context)
        let id = try context.parameters.require("id", as: Int64.self)
        let questionID = try context.parameters.require("question", as: Int64.self)
        do {
            try await questions.answer(form.reponse ?? "", question: questionID, of: id, by: context.signedIn.authority)
        } catch let error as DomainError where error.status != .notFound && consultations != nil {
            return try await consultations?.consultationPage(
                id, error: error,
                questionsRefusal: .answer(questionID: questionID, text: form.reponse ?? "", FormRefusal(error)),
                request: request, context: context) ?? .redirect(to: "/consultations/\(id)#questions")
        }
        return .redirect(to: "/consultations/\(id)#questions", type: .normal)
    }

    @Sendable package func list(_ request: Request, context: AgentRequestContext) async throws
        -> [QuestionService.Line]
    {
        try await questions.register(
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority
        ).questions
    }

    @Sendable package func csv(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let text = try await questions.registerCSV(
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"registre-questions.csv\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension QuestionService.Line: ResponseEncodable {}
