import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PlatformKernel

/// « Ouverture et Analyse » as JSON (`/api/consultations/:id/opening`, `…/plis/:deposit/admission`,
/// `…/ranking`) and as the agents' forms and pages (`/consultations/:id/plis/:deposit/admission`,
/// `…/classement`, `…/proces-verbal`, `…/proces-verbal.pdf`). Rights and rules are checked by ``OpeningService``.
package struct OpeningController: Sendable {
    package let service: OpeningService
    /// Shows the consultation's page again with the reason when a form's action is refused.
    package let consultations: ConsultationController

    package init(service: OpeningService, consultations: ConsultationController) {
        self.service = service
        self.consultations = consultations
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let api = router.group("api", context: AgentRequestContext.self)
        api.get("consultations/:id/opening", use: board)
        api.put("consultations/:id/plis/:deposit/admission", use: admissionJSON)
        api.put("consultations/:id/ranking", use: rankingJSON)
        let pages = router.group("consultations", context: AgentRequestContext.self)
        pages.post(":id/plis/:deposit/admission", use: admissionForm)
        pages.post(":id/classement", use: rankingForm)
        pages.get(":id/proces-verbal", use: minutesPage)
        pages.get(":id/proces-verbal.pdf", use: minutesPDF)
    }

    // MARK: - JSON

    @Sendable package func board(_ request: Request, context: AgentRequestContext) async throws
        -> OpeningAPI.BoardView
    {
        OpeningAPI.BoardView(
            try await service.file(
                of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority))
    }

    @Sendable package func admissionJSON(_ request: Request, context: AgentRequestContext) async throws
        -> OpeningAPI.BoardView
    {
        let body = try await request.decode(as: OpeningAPI.AdmissionInput.self, context: context)
        return OpeningAPI.BoardView(
            try await service.decide(
                body.decision, reason: body.reason ?? "",
                pli: try context.parameters.require("deposit", as: Int64.self),
                of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority))
    }

    @Sendable package func rankingJSON(_ request: Request, context: AgentRequestContext) async throws
        -> OpeningAPI.BoardView
    {
        let body = try await request.decode(as: OpeningAPI.RankingInput.self, context: context)
        var ranks: [Int64: Int] = [:]
        for rank in body.ranks {
            guard ranks.updateValue(rank.rank, forKey: rank.depositId) == nil else {
                throw DomainError.invalidField(field: "classement", reason: "Chaque pli reçoit un seul rang.")
            }
        }
        return OpeningAPI.BoardView(
            try await service.rank(
                ranks, of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority))
    }

    // MARK: - Forms

    /// The admission form of one pli: « Admissible » or « Non admissible » and the reason.
    package struct AdmissionForm: Decodable {
        package var decision: String?
        package var reason: String?

        package init(decision: String? = nil, reason: String? = nil) {
            self.decision = decision
            self.reason = reason
        }
    }

    @Sendable package func admissionForm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(AdmissionForm.self, from: request, context: context)
        let depositID = try context.parameters.require("deposit", as: Int64.self)
        let typed = OpeningTable.Refusal.Form.admission(
            depositID: depositID, decision: form.decision ?? "", reason: form.reason ?? "")
        return try await pageAction(request, context, refused: typed) { id in
            guard let decision = form.decision.flatMap(OpeningBoard.Admission.init(rawValue:)) else {
                throw DomainError.invalidField(
                    field: "décision", reason: "Choisissez « Admissible » ou « Non admissible ».")
            }
            _ = try await service.decide(
                decision, reason: form.reason ?? "", pli: depositID, of: id, by: context.signedIn.authority)
        }
    }

    /// « Enregistrer le classement »: one field `rang-<deposit>` per pli.
    @Sendable package func rankingForm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        var typed: [String: String] = [:]
        for (name, value) in fields.pairs where name.hasPrefix("rang-") { typed[name] = value }
        return try await pageAction(request, context, refused: .ranking(typed)) { id in
            var ranks: [Int64: Int] = [:]
            for (name, value) in fields.pairs where name.hasPrefix("rang-") {
                guard let depositID = Int64(name.dropFirst("rang-".count)) else { continue }
                guard let rank = Int(value.trimmingCharacters(in: .whitespaces)) else {
                    throw DomainError.invalidField(
                        field: "classement", reason: "Donnez à chaque pli un rang en chiffres (1 pour le mieux classé)."
                    )
                }
                ranks[depositID] = rank
            }
            _ = try await service.rank(ranks, of: id, by: context.signedIn.authority)
        }
    }

    /// Runs a form's action, then shows the « Plis » tab; a refusal shows the consultation with the reason
    /// beside the form's field (the « Plis » tab then shows), what was typed kept, and a summary at the top.
    private func pageAction(
        _ request: Request, _ context: AgentRequestContext, refused form: OpeningTable.Refusal.Form,
        _ action: (Int64) async throws -> Void
    ) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            try await action(id)
            return .redirect(to: "/consultations/\(id)#plis", type: .normal)
        } catch let error as DomainError where error.status != .notFound {
            return try await consultations.consultationPage(
                id, error: error, plisRefusal: OpeningTable.Refusal(form, error: error), request: request,
                context: context)
        }
    }

    // MARK: - Procès-verbal

    @Sendable package func minutesPage(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let file = try await service.file(
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        let minutes = OpeningMinutes(file, at: service.clock())
        let title = "Procès-verbal d'ouverture — \(file.consultation.reference.value)"
        return try Page(
            "opening/minutes", title: title, audience: .agent, section: .consultations,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb(
                    "Consultation \(file.consultation.reference.value)", "/consultations/\(file.consultation.id ?? 0)"),
                Breadcrumb("Procès-verbal d'ouverture"),
            ],
            user: context.signedIn.banner, content: minutes
        ).response(status: .ok, from: request, context: context)
    }

    @Sendable package func minutesPDF(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let file = try await service.file(
            of: try context.parameters.require("id", as: Int64.self), by: context.signedIn.authority)
        let minutes = OpeningMinutes(file, at: service.clock())
        let reference = file.consultation.reference.value.replacingOccurrences(of: "/", with: "-")
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf",
                .contentDisposition: "inline; filename=\"proces-verbal-\(reference).pdf\"",
            ],
            body: .init(
                byteBuffer: ByteBuffer(
                    bytes: TextPDF.document(minutes.text, title: "Procès-verbal d'ouverture \(reference)"))))
    }
}
