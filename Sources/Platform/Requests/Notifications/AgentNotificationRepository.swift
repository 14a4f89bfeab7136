import PlatformKernel
import SQLKit

/// The agents' mail notifications: their choices, who reads which category, and the quality-of-service
/// alerts already sent.
package struct AgentNotificationRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// An agent the back office may write to: their address, their choice, the categories they read
    /// (`nil`: all of them, a request administrator).
    package struct Audience: Sendable, Equatable {
        package let agentID: Int64
        package let email: String
        package let preference: AgentNotifications.Preference
        package let categories: Set<Int64>?

        package init(
            agentID: Int64, email: String, preference: AgentNotifications.Preference, categories: Set<Int64>?
        ) {
            self.agentID = agentID
            self.email = email
            self.preference = preference
            self.categories = categories
        }

        package func reads(_ categoryID: Int64) -> Bool { categories?.contains(categoryID) ?? true }

        package var recipient: AgentNotifications.Recipient { .init(email: email, preference: preference) }
    }

    /// A quality-of-service alert sent for a request.
    package struct SentAlert: Sendable, Hashable {
        package let requestID: Int64
        package let level: QualityLevel

        package init(requestID: Int64, level: QualityLevel) {
            self.requestID = requestID
            self.level = level
        }
    }

    /// The agent's choice; `detailed` until they make one.
    package func preference(of agentID: Int64) async throws -> AgentNotifications.Preference {
        let row = try await sql.select().column("preference").from("agent_notification_preferences")
            .where("agent_id", .equal, agentID).first()
        guard let text = try row?.decode(column: "preference", as: String.self) else { return .detailed }
        return AgentNotifications.Preference(rawValue: text) ?? .detailed
    }

    package func setPreference(_ preference: AgentNotifications.Preference, of agentID: Int64) async throws {
        try await sql.delete(from: "agent_notification_preferences").where("agent_id", .equal, agentID).run()
        try await sql.insert(into: "agent_notification_preferences").columns("agent_id", "preference")
            .values(SQLBind(agentID), SQLBind(preference.rawValue)).run()
    }

    private struct AgentRow: Decodable {
        package let id: Int64
        package let email: String
        package let preference: String?
    }

    private struct RightRow: Decodable {
        package let agentId: Int64
        package let categoryId: Int64
    }

    /// Every request administrator and every agent with at least the read right on a category, each with the
    /// categories of their entity they read, with their choice ("Aucune" included: the mails' composer leaves them out), by agent id.
    package func audience() async throws -> [Audience] {
        let readable = CategoryRight.allCases.filter { $0 >= .read }.map(\.rawValue)
        let rights = try await sql.select().columns("agent_id", "category_id").from("request_category_rights")
            .where("right_name", .in, readable)
            .all(decoding: RightRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let categories = Dictionary(grouping: rights, by: \.agentId).mapValues { Set($0.map(\.categoryId)) }
        let administrators = Set(
            try await sql.select().column("agent_id").from("request_administrators").all().map {
                try $0.decode(column: "agent_id", as: Int64.self)
            })
        let agents = try await sql.select()
            .column(SQLColumn("id", table: "a")).column(SQLColumn("email", table: "a"))
            .column(SQLColumn("preference", table: "p"))
            .from(SQLAlias(SQLIdentifier("agents"), as: SQLIdentifier("a")))
            .join(
                SQLAlias(SQLIdentifier("agent_notification_preferences"), as: SQLIdentifier("p")),
                method: SQLJoinMethod.left, on: SQLColumn("agent_id", table: "p"), .equal, SQLColumn("id", table: "a")
            )
            .orderBy(SQLColumn("id", table: "a"))
            .all(decoding: AgentRow.self)
        let platform = Set(
            try await sql.select().column("agent_id").from("request_platform_administrators").all().map {
                try $0.decode(column: "agent_id", as: Int64.self)
            })
        var audience: [Audience] = []
        for agent in agents {
            let isAdministrator = administrators.contains(agent.id) || platform.contains(agent.id)
            guard isAdministrator || categories[agent.id] != nil else { continue }
            // The categories of the agent's entity they read (every entity's for a platform super-administrator).
            let readable = try await RequestRightsRepository(sql: sql).rights(of: agent.id).readableCategories
            audience.append(
                Audience(
                    agentID: agent.id, email: agent.email,
                    preference: agent.preference.flatMap(AgentNotifications.Preference.init(rawValue:)) ?? .detailed,
                    categories: readable))
        }
        return audience
    }

    /// The alerts sent for the requests now in one of `states`.
    package func sentAlerts(forRequestsIn states: Set<RequestState>) async throws -> Set<SentAlert> {
        let rows = try await sql.select()
            .column(SQLColumn("request_id", table: "q")).column(SQLColumn("level", table: "q"))
            .from(SQLAlias(SQLIdentifier("request_quality_alerts"), as: SQLIdentifier("q")))
            .join(
                SQLAlias(SQLIdentifier("citizen_requests"), as: SQLIdentifier("r")),
                on: SQLColumn("id", table: "r"), .equal, SQLColumn("request_id", table: "q")
            )
            .where(SQLColumn("state", table: "r"), .in, SQLBind.group(states.map(\.rawValue).sorted()))
            .all()
        return Set(
            try rows.compactMap { row in
                guard let level = QualityLevel(rawValue: try row.decode(column: "level", as: String.self)) else {
                    return nil
                }
                return SentAlert(requestID: try row.decode(column: "request_id", as: Int64.self), level: level)
            })
    }

    package func recordAlert(_ alert: SentAlert, at time: Int64) async throws {
        try await sql.insert(into: "request_quality_alerts").columns("request_id", "level", "sent_at")
            .values(SQLBind(alert.requestID), SQLBind(alert.level.rawValue), SQLBind(time)).run()
    }

    /// Forgets alerts recorded by a pass whose mails all failed, so that the next pass sends them.
    package func forgetAlerts(_ alerts: [SentAlert]) async throws {
        for alert in alerts {
            try await sql.delete(from: "request_quality_alerts").where("request_id", .equal, alert.requestID)
                .where("level", .equal, alert.level.rawValue).run()
        }
    }
}
