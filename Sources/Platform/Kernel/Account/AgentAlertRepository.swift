import SQLKit

/// Which alerts each agent chose: one row per agent and alert kind chosen (no row: not chosen).
package struct AgentAlertRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// The kinds the agent chose.
    package func kinds(of agentID: Int64) async throws -> Set<String> {
        Set(
            try await sql.select().column("kind").from("agent_alert_subscriptions")
                .where("agent_id", .equal, agentID).all(decodingColumn: "kind", as: String.self))
    }

    /// Replaces the agent's choice.
    package func setKinds(_ kinds: Set<String>, of agentID: Int64) async throws {
        try await sql.delete(from: "agent_alert_subscriptions").where("agent_id", .equal, agentID).run()
        for kind in kinds.sorted() {
            try await sql.insert(into: "agent_alert_subscriptions").columns("agent_id", "kind")
                .values(SQLBind(agentID), SQLBind(kind)).run()
        }
    }

    /// Those of `agentIDs` who chose `kind`.
    package func subscribers(of kind: String, among agentIDs: Set<Int64>) async throws -> Set<Int64> {
        guard !agentIDs.isEmpty else { return [] }
        return Set(
            try await sql.select().column("agent_id").from("agent_alert_subscriptions")
                .where("kind", .equal, kind).where("agent_id", .in, agentIDs.sorted())
                .all(decodingColumn: "agent_id", as: Int64.self))
    }
}
