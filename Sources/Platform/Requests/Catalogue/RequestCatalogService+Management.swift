import PlatformKernel
import SQLKit

extension JournalAction {
    package static let parameterListDeleted: JournalAction = "parameter-list.deleted"
    package static let requestAdministratorChanged: JournalAction = "request-administrator.changed"
}

/// The use cases of the back office's management pages ("Administration des téléservices"): what a
/// manager configures, the rights per category, and the administrators of the requests.
extension RequestCatalogService {
    /// The categories an agent manages, each with its teleservices.
    package struct ManagedCatalog: Sendable {
        package var isAdministrator: Bool
        package var categories: [(category: RequestCategory, teleservices: [Teleservice])]

        package init(isAdministrator: Bool, categories: [(category: RequestCategory, teleservices: [Teleservice])]) {
            self.isAdministrator = isAdministrator
            self.categories = categories
        }
    }

    /// Everything the teleservice's page shows.
    package struct TeleserviceSettings: Sendable {
        package var teleservice: Teleservice
        package var category: RequestCategory
        package var seasons: [Season]
        package var lists: [ParameterList]

        package init(teleservice: Teleservice, category: RequestCategory, seasons: [Season], lists: [ParameterList]) {
            self.teleservice = teleservice
            self.category = category
            self.seasons = seasons
            self.lists = lists
        }
    }

    /// One line of a category's rights page.
    package struct AgentRight: Sendable {
        package var agent: Agent
        package var right: CategoryRight
        package var isAdministrator: Bool

        package init(agent: Agent, right: CategoryRight, isAdministrator: Bool) {
            self.agent = agent
            self.right = right
            self.isAdministrator = isAdministrator
        }
    }

    /// The categories the agent manages (all of them for an administrator); refused (403) to an agent who
    /// manages none.
    package func management(for agentID: Int64) async throws -> ManagedCatalog {
        try await database.session { sql in
            let rights = try await RequestRightsRepository(sql: sql).rights(of: agentID)
            let catalog = RequestCatalogRepository(sql: sql)
            let managed = try await catalog.categories().filter { rights.right(in: $0.id ?? 0) == .manage }
            guard rights.administers || !managed.isEmpty else { throw Self.managersOnly }
            let teleservices = try await catalog.teleservices(in: Set(managed.compactMap(\.id)))
            return ManagedCatalog(
                isAdministrator: rights.administers,
                categories: managed.map { category in
                    (category, teleservices.filter { $0.categoryID == category.id })
                })
        }
    }

    package static let managersOnly = DomainError.forbidden(
        reason:
            "La gestion des téléservices est réservée aux agents « Management » d'une catégorie et aux administrateurs des démarches."
    )

    /// A teleservice with its seasons and parameter lists, for its category's managers.
    package func settings(of teleserviceID: Int64, for agentID: Int64) async throws -> TeleserviceSettings {
        try await database.session { sql in
            let teleservice = try await Self.requireTeleservice(teleserviceID, .manage, agentID: agentID, sql: sql)
            let catalog = RequestCatalogRepository(sql: sql)
            guard let category = try await catalog.category(teleservice.categoryID) else {
                throw DomainError.notFound(what: "Catégorie")
            }
            return TeleserviceSettings(
                teleservice: teleservice, category: category, seasons: try await catalog.seasons(of: teleserviceID),
                lists: try await catalog.lists(of: teleserviceID))
        }
    }

    /// Changes a teleservice in one transaction: `change` receives the stored teleservice; its category and
    /// name stay.
    @discardableResult
    package func modifyTeleservice(
        _ id: Int64, by agentID: Int64, _ change: @escaping @Sendable (inout Teleservice) throws -> Void
    ) async throws -> Teleservice {
        try await database.transaction { sql in
            let existing = try await Self.requireTeleservice(id, .manage, agentID: agentID, sql: sql)
            var changed = existing
            try change(&changed)
            changed.id = id
            changed.categoryID = existing.categoryID
            changed.name = existing.name
            try await RequestCatalogRepository(sql: sql).update(changed)
            try await Self.journal(
                .teleserviceModified, by: agentID, kind: "teleservice", id: id, sql: sql,
                details: [
                    "online": String(changed.online),
                    "qos": changed.qualityOfService.map { "\($0.maximumDays)/\($0.reminderDays)" } ?? "default",
                    "documents": changed.requiredDocuments.joined(separator: ", "),
                ])
            return changed
        }
    }

    /// Deletes a parameter list, refused while a field of the teleservice's form offers it.
    package func deleteList(named name: String, of teleserviceID: Int64, by agentID: Int64) async throws {
        try await database.transaction { sql in
            let teleservice = try await Self.requireTeleservice(teleserviceID, .manage, agentID: agentID, sql: sql)
            let catalog = RequestCatalogRepository(sql: sql)
            guard let list = try await catalog.lists(of: teleserviceID).first(where: { $0.name == name }) else {
                throw DomainError.notFound(what: "Liste de paramètres")
            }
            if let field = teleservice.form.fields.first(where: { $0.kind == .parameters && $0.list == name }) {
                throw DomainError.conflict(
                    reason:
                        "La liste « \(name) » est proposée par le champ « \(field.label) » du formulaire : elle ne peut pas être supprimée."
                )
            }
            try await catalog.deleteList(named: name, of: teleserviceID)
            try await Self.journal(
                .parameterListDeleted, by: agentID, kind: "parameter-list", id: list.id, sql: sql,
                details: ["name": name, "teleservice": String(teleserviceID)])
        }
    }

    /// The agents the viewer may give a right on the category to, with their right: see
    /// ``assignableAgents(in:by:sql:)``. For its managers and the administrators.
    package func rights(in categoryID: Int64, for agentID: Int64) async throws -> (RequestCategory, [AgentRight]) {
        try await database.session { sql in
            try await Self.requireCategory(categoryID, .manage, agentID: agentID, sql: sql)
            guard let category = try await RequestCatalogRepository(sql: sql).category(categoryID) else {
                throw DomainError.notFound(what: "Catégorie")
            }
            let repository = RequestRightsRepository(sql: sql)
            let rights = try await repository.rights(in: categoryID)
            let administrators = try await repository.administrators()
            let agents = try await Self.assignableAgents(in: categoryID, by: agentID, sql: sql).compactMap {
                agent -> AgentRight? in
                guard let id = agent.id else { return nil }
                return AgentRight(
                    agent: agent, right: rights[id] ?? CategoryRight.none, isAdministrator: administrators.contains(id))
            }
            return (category, agents)
        }
    }

    /// Whom `managerID` may give a right on the category: every agent of the platform for a platform
    /// super-administrator; for an administrator or a manager, the agents of the category's public entity
    /// (a platform may host several) and those already holding a right on the category, whose right they
    /// may change or remove.
    package static func assignableAgents(in categoryID: Int64, by managerID: Int64, sql: any SQLDatabase) async throws
        -> [Agent]
    {
        let agents = AgentRepository(sql: sql)
        let rightsRepository = RequestRightsRepository(sql: sql)
        let entities = RequestEntityRepository(sql: sql)
        if try await entities.isPlatformAdministrator(managerID) { return try await agents.all() }
        guard let manager = try await agents.find(managerID) else { return [] }
        let organisations = OrganisationRepository(sql: sql)
        // The category's entity (the manager's own, or any for a platform super-administrator).
        let entityID: Int64
        if let owner = try await entities.entity(ofCategory: categoryID) {
            entityID = owner
        } else {
            entityID = try await organisations.path(to: manager.organisationID).entity.id ?? manager.organisationID
        }
        let colleagues = try await agents.agents(in: organisations.subtreeIDs(of: entityID))
        let holders = try await rightsRepository.rights(in: categoryID).filter { $0.value != .none }.keys
        let known = Set(colleagues.compactMap(\.id))
        var others: [Agent] = []
        for id in holders where !known.contains(id) {
            if let agent = try await agents.find(id) { others.append(agent) }
        }
        return (colleagues + others).sorted { ($0.lastName, $0.firstName) < ($1.lastName, $1.firstName) }
    }

    /// Makes the agent with this login an administrator of the requests, or no longer; journaled as done by
    /// the platform (`sceau-platform request-admin`). Returns the agent.
    @discardableResult
    package func setAdministrator(login: String, _ isAdministrator: Bool, platform: Bool = false) async throws -> Agent
    {
        try await database.transaction { sql in
            guard let agent = try await AgentRepository(sql: sql).credentials(login: login)?.agent,
                let id = agent.id
            else { throw DomainError.notFound(what: "Agent « \(login) »") }
            if platform {
                try await RequestEntityRepository(sql: sql).setPlatformAdministrator(id, isAdministrator)
            } else {
                try await RequestRightsRepository(sql: sql).setAdministrator(id, isAdministrator)
            }
            try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, subject: JournalSubject(kind: "agent", id: id),
                    action: .requestAdministratorChanged,
                    details: [platform ? "platform-administrator" : "administrator": String(isAdministrator)]))
            return agent
        }
    }
}
