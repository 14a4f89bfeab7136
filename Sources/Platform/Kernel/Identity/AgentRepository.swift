import SQLKit

/// Reads and writes ``Agent``s, their password hashes, roles and rights, on one connection or transaction.
package struct AgentRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        package let id: Int64
        package let organisationId: Int64
        package let civility: String
        package let lastName: String
        package let firstName: String
        package let email: String
        package let login: String
    }

    /// Validates and saves a new agent with the hash of their password; the e-mail and the login must
    /// not be used by any other account of the platform.
    package func create(_ agent: Agent, passwordHash: String) async throws -> Agent {
        var agent = agent
        try agent.validate()
        try await checkUnique(agent)
        let id = try await sql.insert(into: "agents")
            .columns(
                "organisation_id", "civility", "last_name", "first_name", "email", "login", "password_hash",
                "created_at"
            )
            .values(
                SQLBind(agent.organisationID), SQLBind(agent.civility.rawValue), SQLBind(agent.lastName),
                SQLBind(agent.firstName), SQLBind(agent.email), SQLBind(agent.login), SQLBind(passwordHash),
                SQLBind(Timestamp.now())
            )
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        agent.id = id
        return agent
    }

    /// Saves the changeable fields of an existing agent (civilité, names, e-mail, login).
    package func update(_ agent: Agent) async throws {
        var agent = agent
        try agent.validate()
        guard let id = agent.id else { throw DomainError.notFound(what: "Agent") }
        try await checkUnique(agent)
        try await sql.update("agents")
            .set("civility", to: agent.civility.rawValue).set("last_name", to: agent.lastName)
            .set("first_name", to: agent.firstName).set("email", to: agent.email).set("login", to: agent.login)
            .where("id", .equal, id).run()
    }

    /// Replaces the agent's password hash.
    package func setPasswordHash(_ hash: String, of id: Int64) async throws {
        try await sql.update("agents").set("password_hash", to: hash).where("id", .equal, id).run()
    }

    /// Deletes the agent with their roles, rights and sessions.
    package func delete(_ id: Int64) async throws {
        try await sql.delete(from: "sessions").where("agent_id", .equal, id).run()
        try await sql.delete(from: "agent_roles").where("agent_id", .equal, id).run()
        try await sql.delete(from: "agent_rights").where("agent_id", .equal, id).run()
        try await sql.delete(from: "agents").where("id", .equal, id).run()
    }

    /// "Prénom Nom" of the agents `ids` that exist, by id: the authors shown in histories.
    package func displayNames(_ ids: some Sequence<Int64>) async throws -> [Int64: String] {
        let wanted = Set(ids).sorted()
        guard !wanted.isEmpty else { return [:] }
        let rows = try await select().where("id", .in, wanted).all(
            decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, "\($0.firstName) \($0.lastName)") })
    }

    package func find(_ id: Int64) async throws -> Agent? {
        try await select().where("id", .equal, id).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .flatMap(Self.model)
    }

    /// The agent with this e-mail (stored in lower case).
    package func find(email: String) async throws -> Agent? {
        try await select().where("email", .equal, email.lowercased())
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).flatMap(Self.model)
    }

    /// The agent with this login, with their password hash, for signing in.
    package func credentials(login: String) async throws -> (agent: Agent, passwordHash: String)? {
        guard
            let row = try await select().column("password_hash").where("login", .equal, login)
                .first()
        else { return nil }
        let decoded = try row.decode(model: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard let agent = Self.model(decoded) else { return nil }
        return (agent, try row.decode(column: "password_hash", as: String.self))
    }

    /// The agents of these organisations, by name.
    package func agents(in organisationIDs: [Int64]) async throws -> [Agent] {
        guard !organisationIDs.isEmpty else { return [] }
        return try await select().where("organisation_id", .in, organisationIDs)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// Every agent of the platform, by name.
    package func all() async throws -> [Agent] {
        try await select().all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(Self.model)
    }

    /// What the agent holds: rights and roles.
    package func authority(of agent: Agent) async throws -> AgentAuthority {
        guard let id = agent.id else { throw DomainError.notFound(what: "Agent") }
        var authority = AgentAuthority(agentID: id, homeOrganisationID: agent.organisationID)
        for right in try await sql.select().column("right_name").from("agent_rights").where("agent_id", .equal, id)
            .all(decodingColumn: "right_name", as: String.self)
        {
            if let administration = AdministrationRight(rawValue: right) {
                authority.administrationRights.insert(administration)
            } else if let management = ManagementRight(rawValue: right) {
                authority.managementRights.insert(management)
            }
        }
        struct RoleRow: Codable {
            let organisationId: Int64
            let role: String

            package init(organisationId: Int64, role: String) {
                self.organisationId = organisationId
                self.role = role
            }
        }
        for row in try await sql.select().columns("organisation_id", "role").from("agent_roles")
            .where("agent_id", .equal, id).all(decoding: RoleRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        {
            guard let role = ProcurementRole(rawValue: row.role) else { continue }
            authority.roles[row.organisationId, default: []].insert(role)
        }
        return authority
    }

    /// Replaces the agent's administration and management rights.
    package func setRights(of id: Int64, administration: Set<AdministrationRight>, management: Set<ManagementRight>)
        async throws
    {
        try await sql.delete(from: "agent_rights").where("agent_id", .equal, id).run()
        let names = administration.map(\.rawValue) + management.map(\.rawValue)
        for name in names.sorted() {
            try await sql.insert(into: "agent_rights").columns("agent_id", "right_name")
                .values(SQLBind(id), SQLBind(name)).run()
        }
    }

    /// Replaces the agent's roles in one service.
    package func setRoles(of id: Int64, in organisationID: Int64, to roles: Set<ProcurementRole>) async throws {
        try await sql.delete(from: "agent_roles").where("agent_id", .equal, id)
            .where("organisation_id", .equal, organisationID).run()
        for role in roles.map(\.rawValue).sorted() {
            try await sql.insert(into: "agent_roles").columns("agent_id", "organisation_id", "role")
                .values(SQLBind(id), SQLBind(organisationID), SQLBind(role)).run()
        }
    }

    /// The agents holding a role in this service, with their roles there.
    package func roles(in organisationID: Int64) async throws -> [Int64: Set<ProcurementRole>] {
        struct RoleRow: Codable {
            let agentId: Int64
            let role: String

            package init(agentId: Int64, role: String) {
                self.agentId = agentId
                self.role = role
            }
        }
        var result: [Int64: Set<ProcurementRole>] = [:]
        for row in try await sql.select().columns("agent_id", "role").from("agent_roles")
            .where("organisation_id", .equal, organisationID)
            .all(decoding: RoleRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        {
            if let role = ProcurementRole(rawValue: row.role) { result[row.agentId, default: []].insert(role) }
        }
        return result
    }

    private func checkUnique(_ agent: Agent) async throws {
        var query = sql.select().column("email").column("login").from("agents")
            .where { $0.where("email", .equal, agent.email).orWhere("login", .equal, agent.login) }
        if let id = agent.id { query = query.where("id", .notEqual, id) }
        struct Clash: Codable {
            let email: String
            let login: String

            package init(email: String, login: String) {
                self.email = email
                self.login = login
            }
        }
        guard let clash = try await query.first(decoding: Clash.self) else { return }
        if clash.email == agent.email {
            throw DomainError.conflict(
                reason:
                    "L'adresse \(agent.email) est déjà celle d'un autre compte : chaque e-mail est unique sur la plateforme."
            )
        }
        throw DomainError.conflict(reason: "L'identifiant \(agent.login) est déjà pris : choisissez-en un autre.")
    }

    private func select() -> SQLSelectBuilder {
        sql.select().columns("id", "organisation_id", "civility", "last_name", "first_name", "email", "login")
            .from("agents").orderBy("last_name").orderBy("first_name")
    }

    private static func model(_ row: Row) -> Agent? {
        guard let civility = Civility(rawValue: row.civility) else { return nil }
        return Agent(
            id: row.id, organisationID: row.organisationId, civility: civility, lastName: row.lastName,
            firstName: row.firstName, email: row.email, login: row.login)
    }
}
