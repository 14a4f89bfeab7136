import PlatformKernel
import SQLKit

/// The tracking tables' counts, aggregated by the database (`GROUP BY` state, month and teleservice, quality
/// level) over `citizen_requests`, narrowed by a ``TrackingFilter`` and to the categories the agent reads.
/// The same queries run on SQLite and PostgreSQL; only the month of filing (in Paris) is written per dialect.
package struct TrackingRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// Requests per state.
    package func countsByState(_ filter: TrackingFilter, in categories: Set<Int64>?) async throws -> [String: Int] {
        guard let query = filtered(filter, in: categories, columns: { $0.column("state") }) else { return [:] }
        let rows = try await query.groupBy("state").all(decoding: StateCount.self)
        return Dictionary(rows.map { ($0.state, Int($0.n)) }, uniquingKeysWith: +)
    }

    /// A month of filing (`aaaa-mm`, Paris) and a teleservice with its number of requests.
    package struct MonthCount: Decodable, Sendable, Equatable {
        package let month: String
        package let teleserviceId: Int64
        package let n: Int64

        package init(month: String, teleserviceId: Int64, n: Int64) {
            self.month = month
            self.teleserviceId = teleserviceId
            self.n = n
        }
    }

    /// Requests per month of filing (Paris) and teleservice, by month then teleservice.
    package func countsByMonth(_ filter: TrackingFilter, in categories: Set<Int64>?) async throws -> [MonthCount] {
        let month = Self.parisMonth(dialect: sql.dialect.name)
        guard
            let query = filtered(
                filter, in: categories, columns: { $0.column(month, as: "month").column("teleservice_id") })
        else { return [] }
        return try await query.groupBy(month).groupBy("teleservice_id")
            .orderBy("month").orderBy("teleservice_id")
            .all(decoding: MonthCount.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Requests awaiting an agent among `teleservices`, per quality level: filed before `lateBefore` they are
    /// late, before `urgentBefore` urgent, otherwise in time (the teleservices share one commitment, whose
    /// cut-off instants ``BackOfficeTracking`` works out in working days).
    package func countsByQuality(
        _ filter: TrackingFilter, in categories: Set<Int64>?, teleservices: [Int64], lateBefore: Int64,
        urgentBefore: Int64
    ) async throws -> [QualityLevel: Int] {
        guard !teleservices.isEmpty else { return [:] }
        let level: SQLQueryString = """
            CASE WHEN created_at < \(literal: lateBefore) THEN 'late' \
            WHEN created_at < \(literal: urgentBefore) THEN 'urgent' ELSE 'on-time' END
            """
        guard
            let query = filtered(filter, in: categories, columns: { $0.column(level, as: "level") })?
                .where("teleservice_id", .in, teleservices)
                .where("state", .in, RequestState.awaitingInstruction.map(\.rawValue))
        else { return [:] }
        // Grouped by the output column's name: PostgreSQL and SQLite both accept it.
        let rows = try await query.groupBy(SQLIdentifier("level")).all(decoding: LevelCount.self)
        var counts: [QualityLevel: Int] = [:]
        for row in rows {
            if let level = QualityLevel(rawValue: row.level) { counts[level, default: 0] += Int(row.n) }
        }
        return counts
    }

    /// The agents who last worked on a request of `categories`: the choices of the "Dernier agent" filter.
    package func lastAgents(in categories: Set<Int64>?) async throws -> [Int64] {
        var query = sql.select().distinct().column("last_agent_id").from("citizen_requests")
            .where(SQLIdentifier("last_agent_id"), .isNot, SQLLiteral.null)
        if let categories {
            guard !categories.isEmpty else { return [] }
            query = query.where("category_id", .in, Array(categories))
        }
        return try await query.all(decoding: AgentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map(\.lastAgentId)
    }

    /// The month of filing in Paris as `aaaa-mm`. PostgreSQL converts with its time zone database; SQLite has
    /// none, so the offset is the one in force at the end of the UTC month: summer time (two hours) runs from
    /// the last Sunday of March to the last Sunday of October at 01:00 UTC, so the last hours of March to
    /// September are summer time, of October to February winter time; elsewhere in the month an hour more or
    /// less never changes the month.
    package static func parisMonth(dialect: String) -> SQLQueryString {
        if dialect == "postgresql" {
            return "to_char(to_timestamp(created_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM')"
        }
        return """
            strftime('%Y-%m', created_at + CASE WHEN CAST(strftime('%m', created_at, 'unixepoch') AS INTEGER) \
            BETWEEN 3 AND 9 THEN 7200 ELSE 3600 END, 'unixepoch')
            """
    }

    /// `SELECT columns, COUNT(*) AS n FROM citizen_requests WHERE …` with the filter and the categories, or
    /// `nil` when the agent reads no category (or not the one asked for).
    private func filtered(
        _ filter: TrackingFilter, in categories: Set<Int64>?, columns: (SQLSelectBuilder) -> SQLSelectBuilder
    ) -> SQLSelectBuilder? {
        var query = columns(sql.select()).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("citizen_requests")
        if let categories {
            if categories.isEmpty { return nil }
            if let category = filter.categoryID, !categories.contains(category) { return nil }
            query = query.where("category_id", .in, Array(categories))
        }
        if let from = filter.from {
            query = query.where("created_at", .greaterThanOrEqual, CitizenRequestRepository.parisStart(of: from))
        }
        if let to = filter.to {
            query = query.where("created_at", .lessThan, CitizenRequestRepository.parisStart(of: to.adding(days: 1)))
        }
        if let category = filter.categoryID { query = query.where("category_id", .equal, category) }
        if let teleservice = filter.teleserviceID { query = query.where("teleservice_id", .equal, teleservice) }
        if let state = filter.state { query = query.where("state", .equal, state.rawValue) }
        if let agent = filter.lastAgentID { query = query.where("last_agent_id", .equal, agent) }
        return query
    }

    private struct StateCount: Decodable {
        let state: String
        let n: Int64
    }

    private struct LevelCount: Decodable {
        let level: String
        let n: Int64
    }

    private struct AgentRow: Decodable {
        let lastAgentId: Int64
    }
}
