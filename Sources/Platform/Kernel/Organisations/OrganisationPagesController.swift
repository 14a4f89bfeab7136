import Hummingbird

/// The administrators' pages of an organisation (`/espace-agent/organisations/:id…`), for signed-in agents:
/// every form posts, then redirects back to the page (303), or shows the page again with the reason of the
/// refusal, beside the field it names, with the refusal's status (400, 403, 409).
package struct OrganisationPagesController: Sendable {
    package let administration: AdministrationService
    package let keys: EncryptionKeyService

    package init(administration: AdministrationService, keys: EncryptionKeyService) {
        self.administration = administration
        self.keys = keys
    }

    /// "Coordonnées".
    package struct CoordinatesForm: Decodable, Sendable {
        package var name: String?
        package var address: String?
        package var phone: String?
        package var fax: String?

        package init(name: String? = nil, address: String? = nil, phone: String? = nil, fax: String? = nil) {
            self.name = name
            self.address = address
            self.phone = phone
            self.fax = fax
        }
    }

    /// "Créer une sous collectivité".
    package struct ServiceForm: Decodable, Sendable {
        package var name: String?
        package var type: String?

        package init(name: String? = nil, type: String? = nil) {
            self.name = name
            self.type = type
        }
    }

    /// "Créer un utilisateur".
    package struct AgentForm: Decodable, Sendable {
        package var civility: String?
        package var lastName: String?
        package var firstName: String?
        package var email: String?
        package var login: String?
        package var password: String?

        package init(
            civility: String? = nil, lastName: String? = nil, firstName: String? = nil, email: String? = nil,
            login: String? = nil, password: String? = nil
        ) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
            self.login = login
            self.password = password
        }
    }

    /// "Ajouter une clé".
    package struct KeyForm: Decodable, Sendable {
        package var name: String?
        package var kind: String?
        package var certificate: String?

        package init(name: String? = nil, kind: String? = nil, certificate: String? = nil) {
            self.name = name
            self.kind = kind
            self.certificate = certificate
        }
    }

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/organisations", context: AgentRequestContext.self)
        pages.get(":id", use: show)
        pages.post(":id", use: modify)
        pages.post(":id/suppression", use: delete)
        pages.post(":id/services", use: createService)
        pages.post(":id/agents", use: createAgent)
        pages.post(":id/agents/:agent/suppression", use: deleteAgent)
        pages.post(":id/roles", use: setRoles)
        pages.post(":id/droits", use: setRights)
        pages.post(":id/keys", use: addKey)
        pages.post(":id/keys/:key/suppression", use: deleteKey)
    }

    @Sendable package func show(_ request: Request, context: AgentRequestContext) async throws -> Page<OrganisationView>
    {
        try await page(try context.parameters.require("id", as: Int64.self), context.signedIn, refusal: nil)
    }

    @Sendable package func modify(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(CoordinatesForm.self, from: request, context: context)
        return try await act(request, context, .coordinates(form)) { id, actor in
            _ = try await administration.modify(id, by: actor) { organisation in
                organisation.name = form.name ?? organisation.name
                organisation.address = form.address ?? organisation.address
                organisation.phone = form.phone ?? organisation.phone
                organisation.fax = form.fax ?? organisation.fax
            }
        }
    }

    /// Deletes a sub-entity, then shows the organisation above it.
    @Sendable package func delete(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        let path = try await administration.path(to: id, for: context.signedIn.authority)
        let parent = path.organisations.dropLast().last?.id
        return try await act(request, context, .deletion, then: parent.map { "/espace-agent/organisations/\($0)" }) {
            id, actor in
            try await administration.deleteService(id, by: actor)
        }
    }

    @Sendable package func createService(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(ServiceForm.self, from: request, context: context)
        return try await act(request, context, .service(form)) { id, actor in
            guard let type = form.type.flatMap(OrganisationType.init(rawValue:)) else {
                throw DomainError.invalidField(field: "type d'organisation", reason: "Choisissez un type.")
            }
            _ = try await administration.createService(
                Organisation(name: form.name ?? "", type: type), under: id, by: actor)
        }
    }

    @Sendable package func createAgent(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(AgentForm.self, from: request, context: context)
        return try await act(request, context, .agent(form)) { id, actor in
            guard let civility = form.civility.flatMap(Civility.init(rawValue:)) else {
                throw DomainError.invalidField(field: "civilité", reason: "Choisissez M. ou Mme.")
            }
            _ = try await administration.createAgent(
                Agent(
                    organisationID: id, civility: civility, lastName: form.lastName ?? "",
                    firstName: form.firstName ?? "", email: form.email ?? "", login: form.login ?? ""),
                password: form.password ?? "", by: actor)
        }
    }

    @Sendable package func deleteAgent(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let agentID = try context.parameters.require("agent", as: Int64.self)
        return try await act(request, context, .agentDeletion) { _, actor in
            try await administration.deleteAgent(agentID, by: actor)
        }
    }

    /// "Valider modifications": the roles of every agent of the matrix in this service. The checkboxes of one
    /// agent share a name, which ``FormFields`` reads in order (a `Decodable` form refuses repeated keys).
    /// The roles the actor may not give are shown disabled, so never sent: each agent keeps those as they are
    /// (a role sent anyway is still refused by ``AdministrationService/setRoles(of:in:to:by:)``).
    @Sendable package func setRoles(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await Self.fields(request, context)
        return try await act(request, context, .roles) { id, actor in
            let current = try await administration.agents(of: id, for: actor)
            let path = try await administration.path(to: id, for: actor)
            let policy = AdministrationPolicy(actor: actor)
            for agentID in form.all("agent").compactMap({ Int64($0) }) {
                let held = current.first { $0.0.id == agentID }?.1.roles[id] ?? []
                let wanted = Set(form.all("role-\(agentID)").compactMap(ProcurementRole.init(rawValue:)))
                    .union(held.filter { !policy.mayGrant($0, in: path) })
                if wanted != held {
                    try await administration.setRoles(of: agentID, in: id, to: wanted, by: actor)
                }
            }
        }
    }

    /// "Enregistrer les droits": the administration and management rights of every agent of the matrix. The
    /// rights the actor lacks are shown disabled, so never sent: each agent keeps them as they are.
    @Sendable package func setRights(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await Self.fields(request, context)
        return try await act(request, context, .rights) { id, actor in
            let current = try await administration.agents(of: id, for: actor)
            for agentID in form.all("agent").compactMap({ Int64($0) }) {
                guard let held = current.first(where: { $0.0.id == agentID })?.1 else { continue }
                let sentAdministration = Set(
                    form.all("admin-\(agentID)").compactMap(AdministrationRight.init(rawValue:)))
                let sentManagement = Set(form.all("gestion-\(agentID)").compactMap(ManagementRight.init(rawValue:)))
                let administrationRights = sentAdministration.intersection(actor.administrationRights)
                    .union(held.administrationRights.subtracting(actor.administrationRights))
                let managementRights = sentManagement.intersection(actor.managementRights)
                    .union(held.managementRights.subtracting(actor.managementRights))
                if administrationRights != held.administrationRights || managementRights != held.managementRights {
                    try await administration.setRights(
                        of: agentID, administration: administrationRights, management: managementRights, by: actor)
                }
            }
        }
    }

    @Sendable package func addKey(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let form = try await URLEncodedFormDecoder().decode(KeyForm.self, from: request, context: context)
        return try await act(request, context, .key(form)) { id, actor in
            _ = try await keys.add(
                certificate: Array((form.certificate ?? "").utf8),
                kind: form.kind.flatMap(EncryptionKey.Kind.init(rawValue:)) ?? .personal,
                name: form.name ?? "", to: id, by: actor)
        }
    }

    @Sendable package func deleteKey(_ request: Request, context: AgentRequestContext) async throws -> Response {
        let keyID = try context.parameters.require("key", as: Int64.self)
        return try await act(request, context, .keyDeletion) { id, actor in
            try await keys.delete(keyID, from: id, by: actor)
        }
    }

    /// Runs a form's action, then redirects to the page (or `then`); a refusal shows the page again with its
    /// reason and what the form held.
    private func act(
        _ request: Request, _ context: AgentRequestContext, _ submitted: OrganisationView.Submitted,
        then destination: String? = nil, _ action: (Int64, AgentAuthority) async throws -> Void
    ) async throws -> Response {
        let id = try context.parameters.require("id", as: Int64.self)
        do {
            try await action(id, context.signedIn.authority)
            return .redirect(to: destination ?? "/espace-agent/organisations/\(id)", type: .normal)
        } catch let error as DomainError {
            let refusal = OrganisationView.Refusal(error: FormRefusal(error), submitted: submitted)
            return try await page(id, context.signedIn, refusal: refusal)
                .response(status: error.status, from: request, context: context)
        }
    }

    private func page(_ id: Int64, _ signedIn: SignedInAgent, refusal: OrganisationView.Refusal?) async throws
        -> Page<OrganisationView>
    {
        let actor = signedIn.authority
        let path = try await administration.path(to: id, for: actor)
        return OrganisationView.page(
            signedIn: signedIn, path: path, tree: try await administration.visibleTree(for: actor),
            agents: try await administration.agents(of: id, for: actor),
            keys: try await keys.listing(of: id, for: actor), refusal: refusal)
    }

    /// The form's fields in order, for checkbox matrices whose names repeat.
    private static func fields(_ request: Request, _ context: AgentRequestContext) async throws -> FormFields {
        FormFields(String(buffer: try await request.body.collect(upTo: context.maxUploadSize)))
    }
}
