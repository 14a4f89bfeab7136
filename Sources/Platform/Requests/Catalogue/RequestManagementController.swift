import Hummingbird
import PlatformKernel

/// The back office's management pages, `/espace-agent/demarches/gestion` ("Administration des
/// téléservices"): the managed categories and their teleservices, creating a category (administrators),
/// the rights per category, and each teleservice's configuration (`RequestManagementController+Teleservice`).
/// The services check the rights on every GET and POST: managers of the category and administrators.
package struct RequestManagementController: Sendable {
    package let catalog: RequestCatalogService
    /// The platform's quality of service, shown as the default of the teleservices' alerts.
    package let platformQuality: QualityOfService

    package init(catalog: RequestCatalogService, platformQuality: QualityOfService) {
        self.catalog = catalog
        self.platformQuality = platformQuality
    }

    package typealias Context = AgentRequestContext

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/gestion", context: Context.self)
        pages.get(use: home)
        pages.post("categories", use: createCategory)
        pages.post("categories/:id/teleservices", use: createTeleservice)
        pages.get("categories/:id/droits", use: rights)
        pages.post("categories/:id/droits", use: setRight)
        pages.post("categories/:id/nom", use: renameCategory)
        pages.post("teleservices/:id/categorie", use: moveTeleservice)
        registerTeleservice(pages)
    }

    @Sendable package func home(_ request: Request, context: Context) async throws -> Page<ManagementHomeView> {
        try await homePage(failure: nil, context: context)
    }

    @Sendable package func createCategory(_ request: Request, context: Context) async throws -> Response {
        let (form, values) = try await URLEncodedFormDecoder.backOfficeWithValues(
            ManagementForms.Name.self, from: request, context: context)
        do {
            let category = try await catalog.createCategory(form.nom ?? "", by: context.signedIn.agent.id ?? 0)
            return .redirect(to: "\(RequestManagement.root)#categorie-\(category.id ?? 0)", type: .normal)
        } catch {
            guard let failure = ManagementFailure(section: "nouvelle-categorie", error: error, values: values) else {
                throw error
            }
            return try await homePage(failure: failure, context: context)
                .response(status: failure.status, from: request, context: context)
        }
    }

    @Sendable package func createTeleservice(_ request: Request, context: Context) async throws -> Response {
        let categoryID = try context.parameters.require("id", as: Int64.self)
        let (form, values) = try await URLEncodedFormDecoder.backOfficeWithValues(
            ManagementForms.Name.self, from: request, context: context)
        do {
            let teleservice = try await catalog.createTeleservice(
                Teleservice(
                    categoryID: categoryID, name: ManagementForms.text(form.nom), online: false,
                    requiresAccount: form.compte == "1"),
                by: context.signedIn.agent.id ?? 0)
            return .redirect(to: "\(RequestManagement.root)/teleservices/\(teleservice.id ?? 0)", type: .normal)
        } catch {
            guard
                let failure = ManagementFailure(
                    section: "nouveau-teleservice-\(categoryID)", error: error, values: values)
            else { throw error }
            return try await homePage(failure: failure, context: context)
                .response(status: failure.status, from: request, context: context)
        }
    }

    /// « Renommer la catégorie » (administrators).
    @Sendable package func renameCategory(_ request: Request, context: Context) async throws -> Response {
        let categoryID = try context.parameters.require("id", as: Int64.self)
        let (form, values) = try await URLEncodedFormDecoder.backOfficeWithValues(
            ManagementForms.Name.self, from: request, context: context)
        do {
            try await catalog.renameCategory(categoryID, to: form.nom ?? "", by: context.signedIn.agent.id ?? 0)
            return .redirect(to: "\(RequestManagement.root)#categorie-\(categoryID)", type: .normal)
        } catch {
            guard
                let failure = ManagementFailure(
                    section: "renommer-categorie-\(categoryID)", error: error, values: values)
            else { throw error }
            return try await homePage(failure: failure, context: context)
                .response(status: failure.status, from: request, context: context)
        }
    }

    /// « Déplacer »: the teleservice to another category the agent manages.
    @Sendable package func moveTeleservice(_ request: Request, context: Context) async throws -> Response {
        let teleserviceID = try context.parameters.require("id", as: Int64.self)
        let (form, values) = try await URLEncodedFormDecoder.backOfficeWithValues(
            ManagementForms.Move.self, from: request, context: context)
        do {
            guard let categoryID = Int64(form.categorie ?? "") else { throw DomainError.notFound(what: "Catégorie") }
            try await catalog.moveTeleservice(teleserviceID, to: categoryID, by: context.signedIn.agent.id ?? 0)
            return .redirect(to: "\(RequestManagement.root)#categorie-\(categoryID)", type: .normal)
        } catch {
            guard let failure = ManagementFailure(section: "deplacer-\(teleserviceID)", error: error, values: values)
            else { throw error }
            return try await homePage(failure: failure, context: context)
                .response(status: failure.status, from: request, context: context)
        }
    }

    @Sendable package func rights(_ request: Request, context: Context) async throws -> Page<CategoryRightsView> {
        try await rightsPage(failure: nil, context: context)
    }

    @Sendable package func setRight(_ request: Request, context: Context) async throws -> Response {
        let categoryID = try context.parameters.require("id", as: Int64.self)
        let (form, values) = try await URLEncodedFormDecoder.backOfficeWithValues(
            ManagementForms.Right.self, from: request, context: context)
        do {
            guard let agentID = Int64(form.agent ?? "") else { throw DomainError.notFound(what: "Agent") }
            try await catalog.setRight(
                try form.right(), of: agentID, in: categoryID, by: context.signedIn.agent.id ?? 0)
            return .redirect(
                to: "\(RequestManagement.root)/categories/\(categoryID)/droits#agent-\(agentID)", type: .normal)
        } catch {
            guard let failure = ManagementFailure(section: "droits", error: error, values: values) else { throw error }
            return try await rightsPage(failure: failure, context: context)
                .response(status: failure.status, from: request, context: context)
        }
    }

    private func homePage(failure: ManagementFailure?, context: Context) async throws -> Page<ManagementHomeView> {
        let management = try await catalog.management(for: context.signedIn.agent.id ?? 0)
        return ManagementHomeView.page(signedIn: context.signedIn, management: management, failure: failure)
    }

    private func rightsPage(failure: ManagementFailure?, context: Context) async throws -> Page<CategoryRightsView> {
        let (category, rights) = try await catalog.rights(
            in: try context.parameters.require("id", as: Int64.self), for: context.signedIn.agent.id ?? 0)
        return CategoryRightsView.page(signedIn: context.signedIn, category: category, rights: rights, failure: failure)
    }
}
