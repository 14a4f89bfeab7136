import Foundation
import Hummingbird

/// « Points »: `GET /espace-agent/points?periode=1|3|6|12` (the statement, 3 months by default), its CSV and PDF
/// (`/espace-agent/points.csv`, `.pdf`, same query), `POST /espace-agent/points/envoi` (the mailing's frequency);
/// each needs « Visualiser les points » (403 otherwise). `GET|POST /espace-agent/points/crediter`: the platform
/// administrator's credits (403 for anyone else); a refused credit shows the form again, the reason beside the
/// field (400), a recorded one redirects (303) with a notice.
package struct PointsController: Sendable {
    package let service: PointsService

    package init(service: PointsService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent", context: AgentRequestContext.self)
        pages.get("points", use: page)
        pages.get("points.csv", use: csv)
        pages.get("points.pdf", use: pdf)
        pages.post("points/envoi", use: setFrequency)
        pages.get("points/crediter", use: creditForm)
        pages.post("points/crediter", use: credit)
    }

    /// The `periode` of the query: one of the menu's choices, else the default (3 months).
    private static func months(_ request: Request) -> Int {
        request.uri.queryParameters.get("periode").flatMap { Int($0) }
            .flatMap { PointsPeriod.monthChoices.contains($0) ? $0 : nil } ?? PointsPeriod.defaultMonths
    }

    @Sendable func page(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let authority = context.signedIn.authority
        try service.requireViewer(authority)
        let months = Self.months(request)
        let notice: String? =
            request.uri.queryParameters.get("enregistre") == nil
            ? nil : "La fréquence d'envoi du relevé a été enregistrée."
        let view = PointsView(
            statement: try await service.statement(for: authority, months: months),
            months: months, dayBefore: try await service.dayBeforeBalance(for: authority),
            frequency: try await service.frequency(for: authority), email: context.signedIn.agent.email,
            csrfToken: context.signedIn.csrfToken, tariff: service.tariff, notice: notice)
        return try PointsView.page(view, signedIn: context.signedIn).response(from: request, context: context)
    }

    @Sendable func csv(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try service.requireViewer(context.signedIn.authority)
        let statement = try await service.statement(for: context.signedIn.authority, months: Self.months(request))
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: ContentDisposition.attachment.header(fileName: statement.fileStem + ".csv"),
            ],
            body: .init(byteBuffer: ByteBuffer(string: statement.csv)))
    }

    @Sendable func pdf(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try service.requireViewer(context.signedIn.authority)
        let statement = try await service.statement(for: context.signedIn.authority, months: Self.months(request))
        let bytes = statement.pdf
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/pdf", .contentLength: String(bytes.count),
                .contentDisposition: ContentDisposition.attachment.header(fileName: statement.fileStem + ".pdf"),
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    package struct FrequencyForm: Decodable, Sendable {
        package var frequence: String?
    }

    @Sendable func setFrequency(_ request: Request, context: AgentRequestContext) async throws -> Response {
        try service.requireViewer(context.signedIn.authority)
        let form = try await URLEncodedFormDecoder().decode(FrequencyForm.self, from: request, context: context)
        guard let frequency = form.frequence.flatMap(StatementFrequency.init(rawValue:)) else {
            throw DomainError.invalidField(field: "frequence", reason: "Choisissez une fréquence dans la liste.")
        }
        try await service.setFrequency(frequency, for: context.signedIn.authority)
        return .redirect(to: "/espace-agent/points?enregistre=1", type: .normal)
    }

    @Sendable func creditForm(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agentID = context.signedIn.agent.id ?? 0
        let notice: String? =
            request.uri.queryParameters.get("credite") == nil ? nil : "Le crédit a été enregistré."
        return try await creditPage(
            context, form: PointsCreditView.Form(), refusal: nil, notice: notice, agentID: agentID
        ).response(from: request, context: context)
    }

    @Sendable func credit(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agentID = context.signedIn.agent.id ?? 0
        try await service.requireAdministrator(agentID)
        let form = try await URLEncodedFormDecoder().decode(PointsCreditView.Form.self, from: request, context: context)
        do {
            guard let entityID = form.collectivite.flatMap({ Int64($0) }) else {
                throw DomainError.invalidField(
                    field: "collectivite", reason: "Choisissez une collectivité de la liste.")
            }
            let typed = (form.points ?? "").trimmingCharacters(in: .whitespaces)
            guard let amount = Int64(typed) else {
                throw DomainError.invalidField(
                    field: "points",
                    reason: "Saisissez un nombre entier de points, sans espace ni virgule (par exemple 100).")
            }
            try await service.credit(amount, to: entityID, label: form.libelle ?? "", by: agentID)
            return .redirect(to: "/espace-agent/points/crediter?credite=1", type: .normal)
        } catch let error as DomainError {
            if case .forbidden = error { throw error }
            return try await creditPage(context, form: form, refusal: FormRefusal(error), notice: nil, agentID: agentID)
                .response(status: error.status, from: request, context: context)
        }
    }

    private func creditPage(
        _ context: AgentRequestContext, form: PointsCreditView.Form, refusal: FormRefusal?, notice: String?,
        agentID: Int64
    ) async throws -> Page<PointsCreditView> {
        PointsCreditView.page(
            PointsCreditView(
                balances: try await service.balances(for: agentID), form: form, csrfToken: context.signedIn.csrfToken,
                refusal: refusal, notice: notice),
            signedIn: context.signedIn)
    }
}
