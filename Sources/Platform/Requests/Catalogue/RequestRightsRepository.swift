import PlatformKernel
import SQLKit

/// Agents' rights on requests: per category, and the platform administrators of the requests.
package struct RequestRightsRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Decodable {
        package let categoryId: Int64
        package let rightName: String
    }

    package func rights(of agentID: Int64) async throws -> RequestAgentRights {
        let administrator =
            try await sql.select().column("agent_id").from("request_administrators")
            .where("agent_id", .equal, agentID).first() != nil
        let rows = try await sql.select().columns("category_id", "right_name").from("request_category_rights")
            .where("agent_id", .equal, agentID)
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        var byCategory: [Int64: CategoryRight] = [:]
        for row in rows { byCategory[row.categoryId] = CategoryRight(rawValue: row.rightName) ?? CategoryRight.none }
        let entities = RequestEntityRepository(sql: sql)
        let entityID = try await entities.entity(ofAgent: agentID)
        let platform = try await entities.isPlatformAdministrator(agentID)
        var entityCategories: Set<Int64>? = []
        if platform {
            entityCategories = nil
        } else if let entityID {
            entityCategories = try await entities.categories(of: entityID)
        }
        return RequestAgentRights(
            agentID: agentID, isAdministrator: administrator, byCategory: byCategory, entityID: entityID,
            entityCategories: entityCategories, isPlatformAdministrator: platform)
    }

    /// Gives `right` on the category; `.none` removes the row.
    package func set(_ right: CategoryRight, of agentID: Int64, in categoryID: Int64) async throws {
        try await sql.delete(from: "request_category_rights").where("agent_id", .equal, agentID)
            .where("category_id", .equal, categoryID).run()
        guard right != CategoryRight.none else { return }
        try await sql.insert(into: "request_category_rights").columns("agent_id", "category_id", "right_name")
            .values(SQLBind(agentID), SQLBind(categoryID), SQLBind(right.rawValue)).run()
    }

    /// The rights given on one category, by agent (agents without a row have no access).
    package func rights(in categoryID: Int64) async throws -> [Int64: CategoryRight] {
        struct AgentRow: Decodable {
            let agentId: Int64
            let rightName: String

            package init(agentId: Int64, rightName: String) {
                self.agentId = agentId
                self.rightName = rightName
            }
        }
        var rights: [Int64: CategoryRight] = [:]
        for row in try await sql.select().columns("agent_id", "right_name").from("request_category_rights")
            .where("category_id", .equal, categoryID)
            .all(decoding: AgentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        {
            rights[row.agentId] = CategoryRight(rawValue: row.rightName) ?? CategoryRight.none
        }
        return rights
    }

    /// The administrators of the requests (each of their own entity's).
    package func administrators() async throws -> Set<Int64> {
        Set(
            try await sql.select().column("agent_id").from("request_administrators")
                .all(decodingColumn: "agent_id", as: Int64.self))
    }

    package func setAdministrator(_ agentID: Int64, _ isAdministrator: Bool) async throws {
        try await sql.delete(from: "request_administrators").where("agent_id", .equal, agentID).run()
        if isAdministrator {
            try await sql.insert(into: "request_administrators").columns("agent_id").values(SQLBind(agentID)).run()
        }
    }
}
