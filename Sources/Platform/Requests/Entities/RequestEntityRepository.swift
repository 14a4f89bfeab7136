import PlatformKernel
import SQLKit

/// The public entities the requests belong to: an agent's entity, the default entity of the front office,
/// the categories of an entity and the platform's super-administrators of the requests.
package struct RequestEntityRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The tables whose rows carry the entity they belong to.
    package static let ownedTables = ["request_categories", "request_letter_templates", "households"]

    private struct ParentRow: Decodable {
        let parentId: Int64?
    }

    /// The first top-level entity: the front office's entity when none is named, and the owner of the data
    /// that predates the entities.
    package func defaultEntity() async throws -> Int64? {
        try await sql.select().column("id").from("organisations").where("parent_id", .is, SQLLiteral.null)
            .orderBy("id").limit(1).first(decodingColumn: "id", as: Int64.self)
    }

    /// Whether `id` is a top-level entity.
    package func isEntity(_ id: Int64) async throws -> Bool {
        guard
            let row = try await sql.select().column("parent_id").from("organisations").where("id", .equal, id)
                .first(decoding: ParentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        else { return false }
        return row.parentId == nil
    }

    /// The entity (top-level organisation) an organisation belongs to, itself for an entity.
    package func entity(ofOrganisation id: Int64) async throws -> Int64? {
        var current = id
        var seen: Set<Int64> = []
        while seen.insert(current).inserted {
            guard
                let row = try await sql.select().column("parent_id").from("organisations")
                    .where("id", .equal, current)
                    .first(decoding: ParentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            else { return nil }
            guard let parent = row.parentId else { return current }
            current = parent
        }
        return nil
    }

    /// The entity of the agent's organisation.
    package func entity(ofAgent agentID: Int64) async throws -> Int64? {
        guard
            let organisation = try await sql.select().column("organisation_id").from("agents")
                .where("id", .equal, agentID).first(decodingColumn: "organisation_id", as: Int64.self)
        else { return nil }
        return try await entity(ofOrganisation: organisation)
    }

    /// The entity a category belongs to.
    package func entity(ofCategory id: Int64) async throws -> Int64? {
        try await owner(in: "request_categories", id: id)
    }

    /// The entity a household belongs to.
    package func entity(ofHousehold id: Int64) async throws -> Int64? {
        try await owner(in: "households", id: id)
    }

    /// The entity a letter template belongs to.
    package func entity(ofTemplate id: Int64) async throws -> Int64? {
        try await owner(in: "request_letter_templates", id: id)
    }

    /// The entity a teleservice belongs to (its category's).
    package func entity(ofTeleservice id: Int64) async throws -> Int64? {
        guard
            let category = try await sql.select().column("category_id").from("teleservices")
                .where("id", .equal, id).first(decodingColumn: "category_id", as: Int64.self)
        else { return nil }
        return try await entity(ofCategory: category)
    }

    /// The categories of an entity.
    package func categories(of entityID: Int64) async throws -> Set<Int64> {
        Set(
            try await sql.select().column("id").from("request_categories").where("entity_id", .equal, entityID)
                .all(decodingColumn: "id", as: Int64.self))
    }

    package func isPlatformAdministrator(_ agentID: Int64) async throws -> Bool {
        try await sql.select().column("agent_id").from("request_platform_administrators")
            .where("agent_id", .equal, agentID).first() != nil
    }

    package func setPlatformAdministrator(_ agentID: Int64, _ isAdministrator: Bool) async throws {
        try await sql.delete(from: "request_platform_administrators").where("agent_id", .equal, agentID).run()
        if isAdministrator {
            try await sql.insert(into: "request_platform_administrators").columns("agent_id")
                .values(SQLBind(agentID)).run()
        }
    }

    /// The agents of an entity: those of every organisation of its tree.
    package func agents(of entityID: Int64) async throws -> Set<Int64> {
        struct Row: Decodable {
            let id: Int64
            let organisationId: Int64
        }
        var agents: Set<Int64> = []
        var entities: [Int64: Int64] = [:]  // organisation → its entity, 0 for none
        for row in try await sql.select().columns("id", "organisation_id").from("agents")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        {
            let owner: Int64
            if let known = entities[row.organisationId] {
                owner = known
            } else {
                owner = try await entity(ofOrganisation: row.organisationId) ?? 0
                entities[row.organisationId] = owner
            }
            if owner == entityID { agents.insert(row.id) }
        }
        return agents
    }

    private func owner(in table: String, id: Int64) async throws -> Int64? {
        struct Row: Decodable {
            let entityId: Int64?
        }
        return try await sql.select().column("entity_id").from(table).where("id", .equal, id)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.entityId
    }
}
