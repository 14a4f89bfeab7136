import Hummingbird
import PlatformKernel

/// The « Tableau de bord »: `GET /consultations` (search in the query) and the ★ toggle
/// `POST /consultations/:id/favori`.
package struct DashboardController: Sendable {
    package let service: DashboardService

    package init(service: DashboardService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("consultations", context: AgentRequestContext.self)
        pages.get(use: board)
        pages.post(":id/favori", use: toggleFavourite)
    }

    @Sendable package func board(_ request: Request, context: AgentRequestContext) async throws -> Response {
        // Read as a form (GET): `+` is a space there.
        var query: [String: String] = [:]
        for (key, value) in FormFields(request.uri.query ?? "").pairs where query[key] == nil { query[key] = value }
        let authority = context.signedIn.authority
        var search = DashboardSearch()
        var refusal: DomainError?
        do {
            search = try DashboardSearch(query: query)
        } catch {
            refusal = error
        }
        let (lines, services) = try await service.board(for: authority, search: search)
        let canCreate = !(try await service.consultations.creationServices(for: authority)).isEmpty
        let view = DashboardView(
            lines: refusal == nil ? lines : [], services: services, query: query, search: search, canCreate: canCreate,
            csrfToken: context.signedIn.csrfToken, returnPath: request.uri.description, error: refusal)
        return try DashboardView.page(view, signedIn: context.signedIn)
            .response(status: refusal?.status ?? .ok, from: request, context: context)
    }

    /// Marks or unmarks the consultation, then comes back to the board (with its search, from `retour`).
    @Sendable package func toggleFavourite(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        try await service.toggleFavourite(id, by: context.signedIn.authority)
        let back = form["retour"] ?? ""
        let target = back.hasPrefix("/consultations") && !back.hasPrefix("//") ? back : "/consultations"
        return .redirect(to: target, type: .normal)
    }
}
