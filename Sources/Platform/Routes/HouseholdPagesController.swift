import Hummingbird

/// The back office's household accounts, `/espace-agent/demarches/foyers…`: "Rechercher un compte foyer" and
/// "Gestion d'un compte foyer" with its state and status.
struct HouseholdPagesController: Sendable {
    let households: HouseholdService
    let requests: CitizenRequestService

    func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/foyers").add(middleware: PageErrorMiddleware())
        pages.get { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            var query: [String: String] = [:]
            for (key, value) in request.uri.queryParameters where !value.isEmpty { query[String(key)] = String(value) }
            var number: Int64?
            if let text = query["numero"] {
                guard let parsed = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                    throw DomainError.invalidField(field: "N° du compte foyer", reason: "saisissez un nombre.")
                }
                number = parsed
            }
            let found = try await households.search(
                name: query["nom"], id: number, state: query["etat"].flatMap(Household.State.init(rawValue:)),
                status: query["statut"].flatMap(Household.Status.init(rawValue:)),
                responsibleOnly: query["responsable"] == "1",
                sortByName: query["tri"] == "nom", by: signedIn.agent.id ?? 0)
            return try HTML(HouseholdSearchPage(query: query, households: found).render())
                .response(from: request, context: context)
        }
        pages.get(":id") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await page(
                signedIn, try context.parameters.require("id", as: Int64.self), error: nil, status: .ok,
                request: request, context: context)
        }
        pages.post(":id/etat") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let id = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request, context: context)
            guard let state = Household.State(rawValue: form["etat"] ?? ""),
                let status = Household.Status(rawValue: form["statut"] ?? "")
            else {
                return try await page(
                    signedIn, id, error: "Choisissez un état et un statut du compte.", status: .badRequest,
                    request: request, context: context)
            }
            do {
                try await households.setState(state, status: status, of: id, by: signedIn.agent.id ?? 0)
            } catch let error as DomainError
                where DomainErrorMiddleware<PlatformRequestContext>.status(of: error) == .forbidden
            {
                return try await page(
                    signedIn, id, error: error.description, status: .forbidden, request: request, context: context)
            }
            return .redirect(to: "\(HouseholdPages.root)/\(id)", type: .normal)
        }
    }

    private func page(
        _ signedIn: SignedInAgent, _ id: Int64, error: String?, status: HTTPResponse.Status, request: Request,
        context: PlatformRequestContext
    ) async throws -> Response {
        let agentID = signedIn.agent.id ?? 0
        let detail = try await households.detail(id, by: agentID)
        var search = RequestSearch()
        search.householdID = id
        search.limit = RequestSearch.maximumLimit
        let ids = detail.history.compactMap { entry -> Int64? in
            if case .agent(let id) = entry.event.actor { return id }
            return nil
        }
        let names = try await households.database.session { sql in
            var names: [Int64: String] = [:]
            for id in Set(ids) {
                if let agent = try await AgentRepository(sql: sql).find(id) {
                    names[id] = "\(agent.firstName) \(agent.lastName)"
                }
            }
            return names
        }
        var response = try HTML(
            HouseholdPage(
                csrfToken: signedIn.csrfToken, detail: detail,
                requests: try await requests.search(search, for: agentID),
                agentNames: names, error: error
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }
}
