import CoreCMS
import Crypto
import Foundation
import Logging

/// Takes the journal's checkpoints: signs the hashes of the entries appended since the last checkpoint
/// with the platform's key, has the signature time-stamped by the RFC 3161 service when there is one,
/// stores the checkpoint in the database and appends it to the export file.
package struct JournalCheckpointer: Sendable {
    package let database: Database
    package let signingKey: PlatformSigningKey
    /// The time-stamping service (`serve --tsa`); `nil`: checkpoints are signed, not time-stamped.
    package let timestampClient: TimestampClient?
    /// The export file (`serve --journal-checkpoints`); `nil`: the database only.
    package let file: JournalCheckpointFile?
    package let logger: Logger
    /// A checkpoint is due once this many entries follow the last one (`serve --journal-checkpoint-entries`).
    package var everyEntries: Int64 = 1000
    /// …or when any entry follows it and this many seconds have passed (`serve --journal-checkpoint-minutes`).
    package var everySeconds: Int64 = 15 * 60

    package init(
        database: Database, signingKey: PlatformSigningKey, timestampClient: TimestampClient?,
        file: JournalCheckpointFile?, logger: Logger, everyEntries: Int64 = 1000, everySeconds: Int64 = 15 * 60
    ) {
        self.database = database
        self.signingKey = signingKey
        self.timestampClient = timestampClient
        self.file = file
        self.logger = logger
        self.everyEntries = everyEntries
        self.everySeconds = everySeconds
    }

    /// The most entries one checkpoint vouches for; a longer backlog takes several.
    package static let maximumEntries: Int64 = 10_000

    /// Takes a checkpoint when one is due; returns it, `nil` when none was due.
    @discardableResult
    package func checkpointIfDue(at time: Int64 = Timestamp.now()) async throws -> JournalCheckpoint? {
        let (last, lastTime, head) = try await database.session { sql in
            let checkpoints = JournalCheckpointRepository(sql: sql)
            return (
                try await checkpoints.lastSequence(), try await checkpoints.lastTime(),
                try await JournalRepository(sql: sql).head().sequence
            )
        }
        let pending = head - last
        guard pending > 0 else { return nil }
        guard pending >= everyEntries || time - (lastTime ?? .min / 2) >= everySeconds else { return nil }
        return try await checkpoint(at: time)
    }

    /// Takes a checkpoint of the entries since the last one (at most ``maximumEntries``); `nil` when there
    /// are none.
    @discardableResult
    package func checkpoint(at time: Int64 = Timestamp.now()) async throws -> JournalCheckpoint? {
        let (first, hashes) = try await database.session { sql in
            let first = try await JournalCheckpointRepository(sql: sql).lastSequence() + 1
            let journal = JournalRepository(sql: sql)
            let last = min(try await journal.head().sequence, first + Self.maximumEntries - 1)
            return (first, last >= first ? try await journal.hashes(from: first, through: last) : [])
        }
        guard !hashes.isEmpty else { return nil }
        var checkpoint = try JournalCheckpoint.sign(
            first: first, hashes: hashes, time: time, with: signingKey.privateKey)
        if let timestampClient {
            do {
                let digest = Array(SHA256.hash(data: checkpoint.signature))
                checkpoint = checkpoint.stamped(
                    try await timestampClient.timestampToken(digest: digest, algorithm: .sha256))
            } catch {
                logger.error("The journal checkpoint at entry \(checkpoint.sequence) is not time-stamped: \(error)")
            }
        }
        let taken = checkpoint
        try await database.transaction { sql in try await JournalCheckpointRepository(sql: sql).insert(taken) }
        if let file {
            do {
                try await file.append(taken)
            } catch {
                logger.error(
                    "The journal checkpoint at entry \(taken.sequence) is in the database but not in \(file.path): \(error)"
                )
            }
        }
        let stamped = taken.timestampToken == nil ? "not time-stamped" : "time-stamped"
        logger.info("Journal checkpoint: entries \(taken.first) to \(taken.sequence), head \(taken.head), \(stamped).")
        return taken
    }
}
