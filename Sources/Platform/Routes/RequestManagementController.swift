import Hummingbird

/// The back office's management pages, `/espace-agent/demarches/gestion` ("Administration des
/// téléservices"): the managed categories and their teleservices, creating a category (administrators),
/// the rights per category, and each teleservice's configuration (`RequestManagementController+Teleservice`).
/// The services check the rights on every GET and POST: managers of the category and administrators.
struct RequestManagementController: Sendable {
    let catalog: RequestCatalogService
    /// The platform's quality of service, shown as the default of the teleservices' alerts.
    let platformQuality: QualityOfService

    func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/gestion")
        pages.get { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await homePage(signedIn, failure: nil, status: .ok, request, context)
        }
        pages.post("categories") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let form = try await FormFields.read(request, context: context)
            do {
                let category = try await catalog.createCategory(form["nom"] ?? "", by: signedIn.agent.id ?? 0)
                return .redirect(to: "\(RequestManagement.root)#categorie-\(category.id ?? 0)", type: .normal)
            } catch {
                guard let refusal = Self.refusal(error) else { throw error }
                return try await homePage(
                    signedIn,
                    failure: ManagementFailure(
                        section: "nouvelle-categorie", message: refusal.message, values: ManagementForms.values(form)),
                    status: refusal.status, request, context)
            }
        }
        pages.post("categories/:id/teleservices") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let categoryID = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request, context: context)
            do {
                let teleservice = try await catalog.createTeleservice(
                    Teleservice(
                        categoryID: categoryID, name: (form["nom"] ?? "").trimmingCharacters(in: .whitespaces),
                        online: false, requiresAccount: form["compte"] == "1"),
                    by: signedIn.agent.id ?? 0)
                return .redirect(to: "\(RequestManagement.root)/teleservices/\(teleservice.id ?? 0)", type: .normal)
            } catch {
                guard let refusal = Self.refusal(error) else { throw error }
                return try await homePage(
                    signedIn,
                    failure: ManagementFailure(
                        section: "nouveau-teleservice-\(categoryID)", message: refusal.message,
                        values: ManagementForms.values(form)),
                    status: refusal.status, request, context)
            }
        }
        pages.get("categories/:id/droits") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await rightsPage(signedIn, error: nil, status: .ok, request, context)
        }
        pages.post("categories/:id/droits") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let categoryID = try context.parameters.require("id", as: Int64.self)
            let form = try await FormFields.read(request, context: context)
            do {
                guard let agentID = Int64(form["agent"] ?? "") else { throw DomainError.notFound(what: "Agent") }
                try await catalog.setRight(
                    try ManagementForms.right(form), of: agentID, in: categoryID, by: signedIn.agent.id ?? 0)
                return .redirect(
                    to: "\(RequestManagement.root)/categories/\(categoryID)/droits#agent-\(agentID)", type: .normal)
            } catch {
                guard let refusal = Self.refusal(error) else { throw error }
                return try await rightsPage(signedIn, error: refusal.message, status: refusal.status, request, context)
            }
        }
        registerTeleservice(pages)
    }

    private func homePage(
        _ signedIn: SignedInAgent, failure: ManagementFailure?, status: HTTPResponse.Status, _ request: Request,
        _ context: PlatformRequestContext
    ) async throws -> Response {
        let management = try await catalog.management(for: signedIn.agent.id ?? 0)
        return try Self.page(
            ManagementHomePage(csrfToken: signedIn.csrfToken, management: management, failure: failure).render(),
            status: status, request, context)
    }

    private func rightsPage(
        _ signedIn: SignedInAgent, error: String?, status: HTTPResponse.Status, _ request: Request,
        _ context: PlatformRequestContext
    ) async throws -> Response {
        let (category, rights) = try await catalog.rights(
            in: try context.parameters.require("id", as: Int64.self), for: signedIn.agent.id ?? 0)
        return try Self.page(
            CategoryRightsPage(csrfToken: signedIn.csrfToken, category: category, rights: rights, error: error)
                .render(),
            status: status, request, context)
    }

    static func page(
        _ html: String, status: HTTPResponse.Status, _ request: Request, _ context: PlatformRequestContext
    ) throws -> Response {
        var response = try HTML(html).response(from: request, context: context)
        response.status = status
        return response
    }

    /// A refusal shown in the form (an invalid field, a conflict, a season's overlap); `nil` for the others
    /// (no right, not found), which the page error middleware answers.
    static func refusal(_ error: any Error) -> (message: String, status: HTTPResponse.Status)? {
        if let error = error as? RequestError { return (error.description, error.status) }
        if let error = error as? DomainError {
            let status = error.status
            if status == .badRequest || status == .conflict { return (error.description, status) }
        }
        return nil
    }
}
