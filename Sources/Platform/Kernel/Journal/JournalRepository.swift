import Foundation
import PostgresNIO
import SQLKit

/// Appends to and reads the hash-chained journal on one connection or transaction.
///
/// ``append(_:at:)`` must run inside ``Database/transaction(_:)``, with the change it records: the entry
/// then commits or rolls back with that change, and appends are serialised — by `BEGIN IMMEDIATE` on
/// SQLite, by the row lock on `journal_head` (`SELECT … FOR UPDATE`) on PostgreSQL — so the chain has one
/// entry per sequence number, each chained to the one before.
package struct JournalRepository {
    package let sql: any SQLDatabase

    package init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// How many rows ``verify(pageSize:)`` reads at a time.
    package static let defaultPageSize = 1000

    private struct HeadRow: Decodable {
        package let sequence: Int64
        package let hash: String
    }

    private struct Row: Decodable {
        package let sequence: Int64
        package let recordedAt: Int64
        package let actor: String
        package let entityId: Int64?
        package let subjectKind: String
        package let subjectId: Int64
        package let action: String
        package let details: String
        package let previousHash: String
        package let hash: String
    }

    private static let columns = [
        "sequence", "recorded_at", "actor", "entity_id", "subject_kind", "subject_id", "action", "details",
        "previous_hash", "hash",
    ]

    /// Records `event` as the next entry of the journal and returns that entry.
    ///
    /// Throws ``JournalError/outsideTransaction`` on PostgreSQL when called outside a transaction; on SQLite
    /// the savepoint it takes then makes the append atomic on its own.
    @discardableResult
    package func append(_ event: JournalEvent, at time: Int64 = Timestamp.now()) async throws -> JournalEntry {
        do {
            try await sql.raw("SAVEPOINT journal_append").run()
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == Self.noActiveTransaction {
            throw JournalError.outsideTransaction
        }
        let entry = try await insert(event, at: time)
        try await sql.raw("RELEASE SAVEPOINT journal_append").run()
        return entry
    }

    /// PostgreSQL's SQLSTATE for a statement that needs a transaction block.
    private static let noActiveTransaction = "25P01"

    private func insert(_ event: JournalEvent, at time: Int64) async throws -> JournalEntry {
        let head = try await sql.select().columns("sequence", "hash").from("journal_head").where("id", .equal, 1)
            .for(.update).first(decoding: HeadRow.self)
        guard let head, let previous = JournalHash(hex: head.hash) else { throw JournalError.headMissing }
        let entry = JournalEntry(sequence: head.sequence + 1, time: time, event: event, previousHash: previous)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let details = String(decoding: try encoder.encode(event.details), as: UTF8.self)
        try await sql.insert(into: "journal").columns(Self.columns)
            .values(
                SQLBind(entry.sequence), SQLBind(entry.time), SQLBind(event.actor.description),
                SQLBind(event.entityID), SQLBind(event.subject.kind), SQLBind(event.subject.id),
                SQLBind(event.action.rawValue), SQLBind(details), SQLBind(entry.previousHash.description),
                SQLBind(entry.hash.description)
            )
            .run()
        try await sql.update("journal_head").set("sequence", to: entry.sequence)
            .set("hash", to: entry.hash.description).where("id", .equal, 1).run()
        return entry
    }

    /// The head, locked until the end of the transaction (PostgreSQL; `BEGIN IMMEDIATE` already holds
    /// SQLite): the next ``append(_:at:)`` of this transaction follows it.
    package func lockedHead() async throws -> (sequence: Int64, hash: JournalHash) {
        let head = try await sql.select().columns("sequence", "hash").from("journal_head").where("id", .equal, 1)
            .for(.update).first(decoding: HeadRow.self)
        guard let head, let hash = JournalHash(hex: head.hash) else { throw JournalError.headMissing }
        return (head.sequence, hash)
    }

    /// The hashes of entries `first` through `last`, in order, as stored.
    package func hashes(from first: Int64, through last: Int64) async throws -> [JournalHash] {
        struct HashRow: Decodable {
            let sequence: Int64
            let hash: String

            package init(sequence: Int64, hash: String) {
                self.sequence = sequence
                self.hash = hash
            }
        }
        let rows = try await sql.select().columns("sequence", "hash").from("journal")
            .where("sequence", .greaterThanOrEqual, first).where("sequence", .lessThanOrEqual, last)
            .orderBy("sequence").all(decoding: HashRow.self)
        return try rows.enumerated().map { offset, row in
            guard row.sequence == first + Int64(offset), let hash = JournalHash(hex: row.hash) else {
                throw JournalError.unreadableEntry(sequence: first + Int64(offset))
            }
            return hash
        }
    }

    /// The last entry's sequence number and hash; 0 and ``JournalHash/genesis`` for an empty journal.
    package func head() async throws -> (sequence: Int64, hash: JournalHash) {
        let head = try await sql.select().columns("sequence", "hash").from("journal_head").where("id", .equal, 1)
            .first(decoding: HeadRow.self)
        guard let head, let hash = JournalHash(hex: head.hash) else { throw JournalError.headMissing }
        return (head.sequence, hash)
    }

    /// Every entry about `subject`, oldest first.
    package func entries(subject: JournalSubject) async throws -> [JournalEntry] {
        try await sql.select().columns(Self.columns).from("journal")
            .where("subject_kind", .equal, subject.kind).where("subject_id", .equal, subject.id)
            .orderBy("sequence").all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { try Self.entry($0) }
    }

    /// Every entry concerning the public entity `entityID`, oldest first.
    package func entries(entity entityID: Int64) async throws -> [JournalEntry] {
        try await sql.select().columns(Self.columns).from("journal").where("entity_id", .equal, entityID)
            .orderBy("sequence").all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { try Self.entry($0) }
    }

    /// Verifies the whole journal against its head and `checkpoints` (already checked: see
    /// ``JournalAuditor``), reading `pageSize` entries at a time.
    ///
    /// Entries appended while it runs are left for the next verification.
    package func verify(
        pageSize: Int = defaultPageSize,
        checkpoints: [(checkpoint: JournalCheckpoint, source: JournalCheckpointSource)] = []
    ) async throws -> JournalVerification {
        let head = try await head()
        var chain = JournalChain()
        var matcher = JournalCheckpointMatcher(checkpoints)
        var after: Int64 = 0
        while true {
            let rows = try await sql.select().columns(Self.columns).from("journal")
                .where("sequence", .greaterThan, after).where("sequence", .lessThanOrEqual, head.sequence)
                .orderBy("sequence").limit(pageSize)
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            guard let last = rows.last else { break }
            for row in rows {
                do throws(JournalBreak) {
                    guard let entry = try? Self.entry(row) else {
                        throw JournalBreak(sequence: row.sequence, reason: .edited)
                    }
                    try chain.accept(entry)
                    try matcher.check(entry)
                } catch {
                    return .broken(error)
                }
            }
            after = last.sequence
        }
        do throws(JournalBreak) {
            try chain.finish(head: head)
            try matcher.finish(lastSequence: chain.lastSequence)
        } catch {
            return .broken(error)
        }
        // One statement, so one snapshot: an append commits its entry and the head together.
        let bounds = try await sql.raw(
            "SELECT (SELECT MAX(sequence) FROM journal) AS last, sequence AS head FROM journal_head WHERE id = 1"
        ).first(decoding: Bounds.self)
        if let bounds, let last = bounds.last, last > bounds.head {
            return .broken(JournalBreak(sequence: bounds.head + 1, reason: .unrecorded))
        }
        return .intact(count: chain.count, head: chain.head)
    }

    private struct Bounds: Decodable {
        package let last: Int64?
        package let head: Int64
    }

    private static func entry(_ row: Row) throws -> JournalEntry {
        guard let actor = JournalActor(row.actor), let previous = JournalHash(hex: row.previousHash),
            let hash = JournalHash(hex: row.hash),
            let details = try? JSONDecoder().decode([String: String].self, from: Data(row.details.utf8))
        else { throw JournalError.unreadableEntry(sequence: row.sequence) }
        let event = JournalEvent(
            actor: actor, entityID: row.entityId, subject: JournalSubject(kind: row.subjectKind, id: row.subjectId),
            action: JournalAction(rawValue: row.action), details: details)
        return JournalEntry(
            sequence: row.sequence, time: row.recordedAt, event: event, previousHash: previous, hash: hash)
    }
}

/// A failure to use the journal, with what the operator should do about it.
package enum JournalError: Error, Equatable, CustomStringConvertible {
    case headMissing
    case unreadableEntry(sequence: Int64)
    /// An append ran outside a transaction: it would neither roll back with its change nor be serialised.
    case outsideTransaction

    package var description: String {
        switch self {
        case .headMissing:
            "The journal has no head row: run `sceau-platform migrate`, or restore the database from a backup."
        case .outsideTransaction:
            "A journal entry must be appended inside Database.transaction, with the change it records: fix the caller."
        case .unreadableEntry(let sequence):
            "Journal entry \(sequence) cannot be read: run `sceau-platform journal verify` to locate the damage."
        }
    }
}
