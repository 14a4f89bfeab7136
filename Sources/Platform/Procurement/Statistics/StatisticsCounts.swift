import PlatformKernel
import SQLKit

/// The statistics' queries (SQLKit, the same on SQLite and PostgreSQL): the consultations of a set of
/// organisations, and per consultation how many events of a table fall within the period.
struct StatisticsCounts {
    let sql: any SQLDatabase
    let organisationIDs: [Int64]
    let period: StatisticsPeriod

    struct ConsultationRow: Decodable {
        let id: Int64
        let organisationID: Int64
        let procedureType: String
        let state: String

        enum CodingKeys: String, CodingKey {
            case id, state
            case organisationID = "organisation_id"
            case procedureType = "procedure_type"
        }
    }

    struct CountRow: Decodable {
        let consultationID: Int64
        let n: Int64

        enum CodingKeys: String, CodingKey {
            case n
            case consultationID = "consultation_id"
        }
    }

    /// Every consultation of the organisations, whatever its dates.
    func consultations() async throws -> [ConsultationRow] {
        guard !organisationIDs.isEmpty else { return [] }
        return try await sql.select().column("id").column("organisation_id").column("procedure_type")
            .column("state").from("consultations").where("organisation_id", .in, organisationIDs)
            .all(decoding: ConsultationRow.self)
    }

    /// The consultations created in the period (the first row of their state history).
    func creations() async throws -> Set<Int64> {
        let history = "consultation_state_history"
        let rows = try await events(history, time: "at") {
            $0.where(SQLColumn("from_state", table: history), .is, SQLLiteral.null)
        }
        return Set(rows.keys)
    }

    /// Per consultation, the rows of `table` whose `time` falls within the period and, when given, whose
    /// `column` equals `value`.
    func events(_ table: String, time: String, column: String? = nil, equals value: String? = nil)
        async throws -> [Int64: Int64]
    {
        try await events(table, time: time) { query in
            guard let column, let value else { return query }
            return query.where(SQLColumn(column, table: table), .equal, SQLBind(value))
        }
    }

    private func events(
        _ table: String, time: String, filter: (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> [Int64: Int64] {
        guard !organisationIDs.isEmpty else { return [:] }
        var query = sql.select().column(SQLColumn("consultation_id", table: table))
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .join(
                "consultations", on: SQLColumn("id", table: "consultations"), .equal,
                SQLColumn("consultation_id", table: table)
            )
            .where(
                SQLColumn("organisation_id", table: "consultations"), .in,
                SQLGroupExpression(organisationIDs.map { SQLBind($0) as any SQLExpression }))
        if let from = period.from {
            query = query.where(SQLColumn(time, table: table), .greaterThanOrEqual, SQLBind(from))
        }
        if let to = period.to { query = query.where(SQLColumn(time, table: table), .lessThanOrEqual, SQLBind(to)) }
        query = filter(query).groupBy(SQLColumn("consultation_id", table: table))
        let rows = try await query.all(decoding: CountRow.self)
        return Dictionary(rows.map { ($0.consultationID, $0.n) }, uniquingKeysWith: +)
    }
}
