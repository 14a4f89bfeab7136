import SQLKit

/// The administration use cases of the seed (achatpublic.com manual §2 and §4): organisations, agents,
/// their rights and roles. Each one checks the actor's rights with ``AdministrationPolicy`` and runs in
/// one transaction, so a refusal or a failure changes nothing.
package struct AdministrationService: Sendable {
    package let database: Database
    package let hasher: PasswordHasher

    package init(database: Database, hasher: PasswordHasher) {
        self.database = database
        self.hasher = hasher
    }

    /// The organisations the actor may see: their entity's whole tree.
    package func visibleTree(for actor: AgentAuthority) async throws -> OrganisationTree {
        try await database.session { sql in
            let organisations = OrganisationRepository(sql: sql)
            let path = try await organisations.path(to: actor.homeOrganisationID)
            return try await OrganisationTree.subtree(of: path.entity, organisations)
        }
    }

    /// The organisation's path, provided it belongs to the actor's entity; otherwise "not found",
    /// so that nothing of another entity shows through.
    package func path(to id: Int64, for actor: AgentAuthority) async throws -> OrganisationPath {
        try await database.session { sql in try await Self.visiblePath(to: id, for: actor, sql: sql) }
    }

    /// The direct services of an organisation the actor may see.
    package func services(of id: Int64, for actor: AgentAuthority) async throws -> [Organisation] {
        try await database.session { sql in
            _ = try await Self.visiblePath(to: id, for: actor, sql: sql)
            return try await OrganisationRepository(sql: sql).children(of: id)
        }
    }

    /// Creates a service under `parentID`, of the organisation type chosen now and never changed.
    package func createService(_ service: Organisation, under parentID: Int64, by actor: AgentAuthority) async throws
        -> Organisation
    {
        try await database.transaction { sql in
            let parent = try await Self.visiblePath(to: parentID, for: actor, sql: sql)
            try AdministrationPolicy(actor: actor).checkManageSubEntities(under: parent)
            var service = service
            service.parentID = parentID
            let created = try await OrganisationRepository(sql: sql).create(service)
            try await JournalRepository(sql: sql).record(
                .organisationCreated, by: actor, in: parent, subject: .organisation(created.id ?? 0),
                details: ["name": created.name, "type": created.type.rawValue])
            return created
        }
    }

    /// Changes the name, address, phone and fax of an organisation.
    package func modify(
        _ id: Int64, by actor: AgentAuthority, _ change: @escaping @Sendable (inout Organisation) -> Void
    )
        async throws -> Organisation
    {
        try await database.transaction { sql in
            let path = try await Self.visiblePath(to: id, for: actor, sql: sql)
            try AdministrationPolicy(actor: actor).checkModify(path)
            var organisation = path.target
            change(&organisation)
            try await OrganisationRepository(sql: sql).update(organisation)
            try await JournalRepository(sql: sql).record(
                .organisationModified, by: actor, in: path, subject: .organisation(id),
                details: ["name": organisation.name])
            return organisation
        }
    }

    /// Deletes a sub-entity that has no service, agent or key left.
    package func deleteService(_ id: Int64, by actor: AgentAuthority) async throws {
        try await database.transaction { sql in
            let path = try await Self.visiblePath(to: id, for: actor, sql: sql)
            guard path.organisations.count > 1, actor.relation(to: path) == .subEntity else {
                throw DomainError.forbidden(
                    reason: "Seule une sous-collectivité de votre périmètre peut être supprimée.")
            }
            try AdministrationPolicy(actor: actor).checkManageSubEntities(
                under: OrganisationPath(organisations: Array(path.organisations.dropLast())))
            try await OrganisationRepository(sql: sql).delete(id)
            try await JournalRepository(sql: sql).record(
                .organisationDeleted, by: actor, in: path, subject: .organisation(id),
                details: ["name": path.target.name])
        }
    }

    /// Creates an agent in `organisationID` with a password.
    package func createAgent(_ agent: Agent, password: String, by actor: AgentAuthority) async throws -> Agent {
        try PasswordPolicy.check(password)
        let hash = try await hasher.hash(password)
        return try await database.transaction { sql in
            let path = try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql)
            try AdministrationPolicy(actor: actor).checkManageAgents(in: path)
            let created = try await AgentRepository(sql: sql).create(agent, passwordHash: hash)
            try await JournalRepository(sql: sql).record(
                .agentCreated, by: actor, in: path, subject: .agent(created.id ?? 0), details: ["login": created.login])
            return created
        }
    }

    /// Changes an agent's civilité, names, e-mail or login.
    package func modifyAgent(_ id: Int64, by actor: AgentAuthority, _ change: @escaping @Sendable (inout Agent) -> Void)
        async throws -> Agent
    {
        try await database.transaction { sql in
            let agents = AgentRepository(sql: sql)
            var agent = try await Self.visibleAgent(id, for: actor, sql: sql)
            try AdministrationPolicy(actor: actor).checkManageAgents(
                in: try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql))
            change(&agent)
            agent.id = id
            try await agents.update(agent)
            try await JournalRepository(sql: sql).record(
                .agentModified, by: actor,
                in: try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql),
                subject: .agent(id), details: ["login": agent.login, "email": agent.email])
            return agent
        }
    }

    /// Deletes an agent; an agent cannot delete their own account.
    package func deleteAgent(_ id: Int64, by actor: AgentAuthority) async throws {
        guard id != actor.agentID else {
            throw DomainError.forbidden(reason: "Vous ne pouvez pas supprimer votre propre compte.")
        }
        try await database.transaction { sql in
            let agent = try await Self.visibleAgent(id, for: actor, sql: sql)
            let path = try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql)
            try AdministrationPolicy(actor: actor).checkManageAgents(in: path)
            if try await AgentRepository(sql: sql).authority(of: agent).administrationRights.contains(
                .createAdministrators)
            {
                try await Self.requireAnotherAdministrator(whenRemoving: agent, in: path, sql: sql)
            }
            try await AgentRepository(sql: sql).delete(id)
            try await JournalRepository(sql: sql).record(
                .agentDeleted, by: actor,
                in: try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql),
                subject: .agent(id), details: ["login": agent.login])
        }
    }

    /// Replaces an agent's administration and management rights; only rights the actor holds.
    package func setRights(
        of id: Int64, administration: Set<AdministrationRight>, management: Set<ManagementRight>,
        by actor: AgentAuthority
    ) async throws {
        try await database.transaction { sql in
            let agents = AgentRepository(sql: sql)
            let agent = try await Self.visibleAgent(id, for: actor, sql: sql)
            let path = try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql)
            let current = try await agents.authority(of: agent)
            let policy = AdministrationPolicy(actor: actor)
            // Adding or removing a right both need it: "grant only what you hold" covers withdrawal too.
            try policy.checkGrant(
                current.administrationRights.symmetricDifference(administration), in: path)
            try policy.checkGrant(current.managementRights.symmetricDifference(management), in: path)
            if current.administrationRights.contains(.createAdministrators),
                !administration.contains(.createAdministrators)
            {
                try await Self.requireAnotherAdministrator(whenRemoving: agent, in: path, sql: sql)
            }
            try await agents.setRights(of: id, administration: administration, management: management)
            try await JournalRepository(sql: sql).record(
                .agentRightsChanged, by: actor, in: path, subject: .agent(id),
                details: [
                    "administration": administration.map(\.rawValue).sorted().joined(separator: ","),
                    "management": management.map(\.rawValue).sorted().joined(separator: ","),
                ])
        }
    }

    /// Replaces an agent's roles in one service of the actor's perimeter. The agent must be of the actor's
    /// administered subtree, and every role given or withdrawn one the actor holds there or above.
    package func setRoles(of id: Int64, in serviceID: Int64, to roles: Set<ProcurementRole>, by actor: AgentAuthority)
        async throws
    {
        try await database.transaction { sql in
            let agents = AgentRepository(sql: sql)
            let agent = try await Self.visibleAgent(id, for: actor, sql: sql)
            let service = try await Self.visiblePath(to: serviceID, for: actor, sql: sql)
            let keys = try await EncryptionKeyRepository(sql: sql).keys(of: service.ids)
            let hasKey = RecipientSet.hasKey(path: service, keys: keys)
            let policy = AdministrationPolicy(actor: actor)
            try policy.checkManageRoles(
                ofAgentIn: try await Self.visiblePath(to: agent.organisationID, for: actor, sql: sql))
            try policy.checkManageAgents(in: service)
            for role in roles { try policy.checkGrant(role, in: service, serviceHasKey: hasKey) }
            // Adding or removing a role both need it, as for the rights.
            let current = try await agents.authority(of: agent).roles[serviceID] ?? []
            try policy.checkGrant(roles: current.symmetricDifference(roles), in: service)
            try await agents.setRoles(of: id, in: serviceID, to: roles)
            try await JournalRepository(sql: sql).record(
                .agentRolesChanged, by: actor, in: service, subject: .agent(id),
                details: ["service": String(serviceID), "roles": roles.map(\.rawValue).sorted().joined(separator: ",")])
        }
    }

    /// The agents of an organisation the actor may see, with what each holds.
    package func agents(of organisationID: Int64, for actor: AgentAuthority) async throws -> [(Agent, AgentAuthority)] {
        try await database.session { sql in
            _ = try await Self.visiblePath(to: organisationID, for: actor, sql: sql)
            let agents = AgentRepository(sql: sql)
            var result: [(Agent, AgentAuthority)] = []
            for agent in try await agents.agents(in: [organisationID]) {
                result.append((agent, try await agents.authority(of: agent)))
            }
            return result
        }
    }

    package static func visiblePath(to id: Int64, for actor: AgentAuthority, sql: any SQLDatabase) async throws
        -> OrganisationPath
    {
        let organisations = OrganisationRepository(sql: sql)
        guard (try await organisations.find(id)) != nil else { throw DomainError.notFound(what: "Organisation") }
        let path = try await organisations.path(to: id)
        let home = try await organisations.path(to: actor.homeOrganisationID)
        guard path.entity.id == home.entity.id else { throw DomainError.notFound(what: "Organisation") }
        return path
    }

    package static func visibleAgent(_ id: Int64, for actor: AgentAuthority, sql: any SQLDatabase) async throws -> Agent
    {
        guard let agent = try await AgentRepository(sql: sql).find(id) else {
            throw DomainError.notFound(what: "Agent")
        }
        _ = try await visiblePath(to: agent.organisationID, for: actor, sql: sql)
        return agent
    }
}
