import PlatformKernel
import SQLKit

/// The favourites (★) an agent marked.
package struct FavouriteRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The consultations the agent marked.
    package func favourites(of agentID: Int64) async throws -> Set<Int64> {
        Set(
            try await sql.select().column("consultation_id").from("consultation_favourites")
                .where("agent_id", .equal, agentID).all(decodingColumn: "consultation_id", as: Int64.self))
    }

    /// The agents who marked the consultation.
    package func agents(marking consultationID: Int64) async throws -> Set<Int64> {
        Set(
            try await sql.select().column("agent_id").from("consultation_favourites")
                .where("consultation_id", .equal, consultationID).all(decodingColumn: "agent_id", as: Int64.self))
    }

    /// Marks or unmarks; `true` when the consultation is now a favourite.
    @discardableResult
    package func toggle(_ consultationID: Int64, for agentID: Int64, at now: Int64) async throws -> Bool {
        let marked =
            try await sql.select().column("agent_id").from("consultation_favourites")
            .where("agent_id", .equal, agentID).where("consultation_id", .equal, consultationID).first() != nil
        if marked {
            try await sql.delete(from: "consultation_favourites").where("agent_id", .equal, agentID)
                .where("consultation_id", .equal, consultationID).run()
            return false
        }
        try await sql.insert(into: "consultation_favourites").columns("agent_id", "consultation_id", "added_at")
            .values(SQLBind(agentID), SQLBind(consultationID), SQLBind(now)).run()
        return true
    }
}
