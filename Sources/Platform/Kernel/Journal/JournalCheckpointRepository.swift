import SQLKit

/// Stores and reads the journal's signed checkpoints (`journal_checkpoints`).
package struct JournalCheckpointRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    private struct Row: Codable {
        package let sequence: Int64
        package let firstSequence: Int64
        package let head: String
        package let recordedAt: Int64
        package let entries: String
        package let signature: String
        package let timestampToken: String?
    }

    private static let columns = [
        "sequence", "first_sequence", "head", "recorded_at", "entries", "signature", "timestamp_token",
    ]

    package func insert(_ checkpoint: JournalCheckpoint) async throws {
        let record = checkpoint.record
        try await sql.insert(into: "journal_checkpoints").columns(Self.columns)
            .values(
                SQLBind(record.sequence), SQLBind(record.first), SQLBind(record.head), SQLBind(record.time),
                SQLBind(record.entries), SQLBind(record.signature), SQLBind(record.timestampToken)
            )
            .run()
    }

    /// The last checkpoint's entry, 0 when none was taken.
    package func lastSequence() async throws -> Int64 {
        struct Last: Decodable { let last: Int64? }
        return try await sql.raw("SELECT MAX(sequence) AS last FROM journal_checkpoints")
            .first(decoding: Last.self)?.last ?? 0
    }

    /// When the last checkpoint was taken, `nil` when none was.
    package func lastTime() async throws -> Int64? {
        try await sql.select().column("recorded_at").from("journal_checkpoints").orderBy("sequence", .descending)
            .limit(1).first(decodingColumn: "recorded_at", as: Int64.self)
    }

    /// Every checkpoint, oldest first, `nil` for a row that no longer reads as one.
    package func all() async throws -> [(sequence: Int64, checkpoint: JournalCheckpoint?)] {
        try await sql.select().columns(Self.columns).from("journal_checkpoints").orderBy("sequence")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { row in
                let record = JournalCheckpoint.Record(
                    first: row.firstSequence, sequence: row.sequence, head: row.head, time: row.recordedAt,
                    entries: row.entries, signature: row.signature, timestampToken: row.timestampToken)
                return (row.sequence, JournalCheckpoint(record))
            }
    }
}
