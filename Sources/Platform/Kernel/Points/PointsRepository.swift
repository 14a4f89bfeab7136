import SQLKit

/// The points' storage (SQLKit, the same on SQLite and PostgreSQL): the ledger `points_entries`, the statement
/// frequency `points_settings` and the statements mailed `points_statement_mailings`.
package struct PointsRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private static let columns = [
        "id", "entity_id", "kind", "amount", "recorded_at", "label", "use", "consultation_id", "service_id",
        "recorded_by",
    ]

    /// Records an entry; returns it with its identifier, or `nil` when it is the debit of a consultation already
    /// debited (`INSERT … ON CONFLICT DO NOTHING`: atomic, and the caller's transaction goes on).
    package func record(_ entry: PointsEntry) async throws -> PointsEntry? {
        let id = try await sql.insert(into: "points_entries").columns(Array(Self.columns.dropFirst()))
            .values(
                SQLBind(entry.entityID), SQLBind(entry.kind.rawValue), SQLBind(entry.amount), SQLBind(entry.recordedAt),
                SQLBind(entry.label), SQLBind(entry.use?.rawValue), SQLBind(entry.consultationID),
                SQLBind(entry.serviceID), SQLBind(entry.recordedBy)
            )
            .ignoringConflicts(with: ["consultation_id"])
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { return nil }
        var saved = entry
        saved.id = id
        return saved
    }

    /// The debit of a consultation, if it was debited.
    package func debit(ofConsultation consultationID: Int64) async throws -> PointsEntry? {
        try await sql.select().columns(Self.columns).from("points_entries")
            .where("consultation_id", .equal, consultationID)
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)?.entry
    }

    /// The entity's entries recorded before `end` (all when `nil`), oldest first.
    package func entries(of entityID: Int64, before end: Int64? = nil) async throws -> [PointsEntry] {
        var query = sql.select().columns(Self.columns).from("points_entries").where("entity_id", .equal, entityID)
        if let end { query = query.where("recorded_at", .lessThan, end) }
        return try await query.orderBy("recorded_at").orderBy("id")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase).compactMap(\.entry)
    }

    /// Every entity's balance of the entries before `end` (all when `nil`); an entity with no entry is absent.
    package func balances(before end: Int64? = nil) async throws -> [Int64: Int64] {
        let signed = SQLRaw("CAST(SUM(CASE WHEN kind = 'credit' THEN amount ELSE 0 - amount END) AS BIGINT)")
        var query = sql.select().column("entity_id").column(signed, as: "balance").from("points_entries")
        if let end { query = query.where("recorded_at", .lessThan, end) }
        let rows = try await query.groupBy("entity_id").all(
            decoding: BalanceRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(rows.map { ($0.entityId, $0.balance) }, uniquingKeysWith: +)
    }

    /// The entity's statement frequency; « désactivée » until chosen.
    package func frequency(of entityID: Int64) async throws -> StatementFrequency {
        try await sql.select().column("statement_frequency").from("points_settings")
            .where("entity_id", .equal, entityID)
            .first(decodingColumn: "statement_frequency", as: String.self)
            .flatMap(StatementFrequency.init(rawValue:)) ?? .none
    }

    /// Replaces the entity's statement frequency.
    package func setFrequency(_ frequency: StatementFrequency, of entityID: Int64, by agentID: Int64, at time: Int64)
        async throws
    {
        try await sql.delete(from: "points_settings").where("entity_id", .equal, entityID).run()
        try await sql.insert(into: "points_settings")
            .columns("entity_id", "statement_frequency", "updated_by", "updated_at")
            .values(SQLBind(entityID), SQLBind(frequency.rawValue), SQLBind(agentID), SQLBind(time)).run()
    }

    /// The entities that chose to receive their statement, with their frequency.
    package func subscribedEntities() async throws -> [(entityID: Int64, frequency: StatementFrequency)] {
        try await sql.select().columns("entity_id", "statement_frequency").from("points_settings")
            .where("statement_frequency", .notEqual, StatementFrequency.none.rawValue).orderBy("entity_id")
            .all(decoding: SettingRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap { row in StatementFrequency(rawValue: row.statementFrequency).map { (row.entityId, $0) } }
    }

    /// Claims the mailing of the entity's statement over `period`: `false` when it was already claimed (sent, or
    /// being sent by another node), so that a period never leaves twice.
    package func claimMailing(
        of entityID: Int64, period: PointsPeriod, frequency: StatementFrequency, at time: Int64
    ) async throws -> Bool {
        try await sql.insert(into: "points_statement_mailings")
            .columns("entity_id", "period_start", "period_end", "frequency", "sent_at")
            .values(
                SQLBind(entityID), SQLBind(period.start), SQLBind(period.end), SQLBind(frequency.rawValue),
                SQLBind(time)
            )
            .ignoringConflicts(with: ["entity_id", "period_start", "period_end"])
            .returning("entity_id").first() != nil
    }

    /// Gives a claim up (the mail could not leave): the next run tries again.
    package func releaseMailing(of entityID: Int64, period: PointsPeriod) async throws {
        try await sql.delete(from: "points_statement_mailings").where("entity_id", .equal, entityID)
            .where("period_start", .equal, period.start).where("period_end", .equal, period.end).run()
    }

    private struct Row: Decodable {
        let id: Int64
        let entityId: Int64
        let kind: String
        let amount: Int64
        let recordedAt: Int64
        let label: String
        let use: String?
        let consultationId: Int64?
        let serviceId: Int64?
        let recordedBy: Int64?

        var entry: PointsEntry? {
            guard let kind = PointsEntry.Kind(rawValue: kind) else { return nil }
            return PointsEntry(
                id: id, entityID: entityId, kind: kind, amount: amount, recordedAt: recordedAt, label: label,
                use: use.flatMap(PointsUse.init(rawValue:)), consultationID: consultationId, serviceID: serviceId,
                recordedBy: recordedBy)
        }
    }

    private struct BalanceRow: Decodable {
        let entityId: Int64
        let balance: Int64
    }

    private struct SettingRow: Decodable {
        let entityId: Int64
        let statementFrequency: String
    }
}
