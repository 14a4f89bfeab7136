import Hummingbird

/// The administrators' pages of an organisation (`/espace-agent/organisations/:id…`): every form posts,
/// then redirects back to the page (303), or shows the page again with the reason of a refusal.
struct OrganisationPagesController: Sendable {
    let administration: AdministrationService
    let keys: EncryptionKeyService

    func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/organisations")
        pages.get(":id") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            return try await page(try context.parameters.require("id", as: Int64.self), signedIn, error: nil)
                .response(from: request, context: context)
        }
        pages.post(":id") { request, context in
            try await act(request, context) { id, signedIn, form in
                _ = try await administration.modify(id, by: signedIn.authority) { organisation in
                    organisation.name = form["name"] ?? organisation.name
                    organisation.address = form["address"] ?? organisation.address
                    organisation.phone = form["phone"] ?? organisation.phone
                    organisation.fax = form["fax"] ?? organisation.fax
                }
            }
        }
        pages.post(":id/services") { request, context in
            try await act(request, context) { id, signedIn, form in
                guard let type = form["type"].flatMap(OrganisationType.init(rawValue:)) else {
                    throw DomainError.invalidField(field: "type d'organisation", reason: "Choisissez un type.")
                }
                _ = try await administration.createService(
                    Organisation(name: form["name"] ?? "", type: type), under: id, by: signedIn.authority)
            }
        }
        pages.post(":id/agents") { request, context in
            try await act(request, context) { id, signedIn, form in
                guard let civility = form["civility"].flatMap(Civility.init(rawValue:)) else {
                    throw DomainError.invalidField(field: "civilité", reason: "M. ou Mme.")
                }
                _ = try await administration.createAgent(
                    Agent(
                        organisationID: id, civility: civility, lastName: form["lastName"] ?? "",
                        firstName: form["firstName"] ?? "", email: form["email"] ?? "", login: form["login"] ?? ""),
                    password: form["password"] ?? "", by: signedIn.authority)
            }
        }
        pages.post(":id/roles") { request, context in
            try await act(request, context) { id, signedIn, form in
                let current = try await administration.agents(of: id, for: signedIn.authority)
                for agentID in form.all("agent").compactMap({ Int64($0) }) {
                    let wanted = Set(form.all("role-\(agentID)").compactMap(ProcurementRole.init(rawValue:)))
                    let held = current.first { $0.0.id == agentID }?.1.roles[id] ?? []
                    if wanted != held {
                        try await administration.setRoles(of: agentID, in: id, to: wanted, by: signedIn.authority)
                    }
                }
            }
        }
        pages.post(":id/keys") { request, context in
            try await act(request, context) { id, signedIn, form in
                _ = try await keys.add(
                    certificate: Array((form["certificate"] ?? "").utf8),
                    kind: form["kind"].flatMap(EncryptionKey.Kind.init(rawValue:)) ?? .personal,
                    name: form["name"] ?? "", to: id, by: signedIn.authority)
            }
        }
        pages.post(":id/keys/:key/suppression") { request, context in
            try await act(request, context) { id, signedIn, _ in
                try await keys.delete(
                    try context.parameters.require("key", as: Int64.self), from: id, by: signedIn.authority)
            }
        }
    }

    /// Runs a form's action, then redirects to the page; a refusal shows the page again with its reason.
    private func act(
        _ request: Request, _ context: PlatformRequestContext,
        _ action: (Int64, SignedInAgent, FormFields) async throws -> Void
    ) async throws -> Response {
        guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
        let id = try context.parameters.require("id", as: Int64.self)
        let form = try await FormFields.read(request, context: context)
        do {
            try await action(id, signedIn, form)
            return .redirect(to: "/espace-agent/organisations/\(id)", type: .normal)
        } catch let error as DomainError {
            var response = try await page(id, signedIn, error: error.description).response(
                from: request, context: context)
            response.status = error.status
            return response
        }
    }

    private func page(_ id: Int64, _ signedIn: SignedInAgent, error: String?) async throws -> HTML {
        let path = try await administration.path(to: id, for: signedIn.authority)
        let services = try await administration.services(of: id, for: signedIn.authority)
        return HTML(
            OrganisationPage(
                signedIn: signedIn, path: path, services: services,
                agents: try await administration.agents(of: id, for: signedIn.authority),
                keys: try await keys.listing(of: id, for: signedIn.authority), error: error
            ).render())
    }
}
