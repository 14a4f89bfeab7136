/// Creates a top-level public entity with its first administrator, who holds every administration and
/// management right and every procurement role of the entity's type at its root (roles are given only by
/// someone who holds them, so someone must hold them first): the one step no agent can take from the web
/// (`sceau-platform entity create`).
package struct EntityBootstrap: Sendable {
    package let database: Database
    package let hasher: PasswordHasher

    package init(database: Database, hasher: PasswordHasher) {
        self.database = database
        self.hasher = hasher
    }

    package func create(entity: Organisation, administrator: Agent, password: String) async throws -> (
        Organisation, Agent
    ) {
        try PasswordPolicy.check(password)
        let hash = try await hasher.hash(password)
        return try await database.transaction { sql in
            var entity = entity
            entity.parentID = nil
            let saved = try await OrganisationRepository(sql: sql).create(entity)
            var administrator = administrator
            administrator.organisationID = saved.id ?? 0
            let agents = AgentRepository(sql: sql)
            let agent = try await agents.create(administrator, passwordHash: hash)
            try await agents.setRights(
                of: agent.id ?? 0, administration: Set(AdministrationRight.allCases),
                management: Set(ManagementRight.allCases))
            try await agents.setRoles(
                of: agent.id ?? 0, in: saved.id ?? 0, to: Set(ProcurementRole.available(in: saved.type)))
            _ = try await JournalRepository(sql: sql).append(
                JournalEvent(
                    actor: .system, entityID: saved.id, subject: .organisation(saved.id ?? 0),
                    action: .organisationCreated,
                    details: ["name": saved.name, "type": saved.type.rawValue, "administrator": agent.login]))
            return (saved, agent)
        }
    }
}
