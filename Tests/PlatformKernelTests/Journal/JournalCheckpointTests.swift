import ArgumentParser
import CoreCMS
import Crypto
import Foundation
import Logging
import PlatformTestSupport
import SQLKit
import TestSupport
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The journal's signed checkpoints against a database writer who rewrites an entry and recomputes the
/// chain and its head, as an attacker with the database's rights would: the checkpoints of the database and
/// of the export file name the rewritten entry; forged checkpoints and torn lines are told apart.
extension DatabaseTests {
    struct JournalCheckpointTests {
        @Test(arguments: StorageBackend.available)
        func aRewrittenEntryIsNamedThanksToADatabaseCheckpoint(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let checkpointer = Self.checkpointer(database)
                try await Storage.append(count: 10, to: database)
                try #require(try await checkpointer.checkpoint()?.sequence == 10)
                try await Storage.append(count: 5, to: database)
                try #require(try await checkpointer.checkpoint()?.sequence == 15)
                try await Storage.append(count: 3, to: database)
                let before = try await Self.auditor(database).audit()
                #expect(before.isIntact)
                #expect(before.databaseCheckpoints == 2)
                #expect(before.unstamped == 2)
                #expect(before.warnings.contains { $0.contains("not time-stamped") })

                try await Self.rewrite(database, entry: 4)
                // The chain alone no longer tells: it was recomputed, head included.
                let chainOnly = try await database.session { sql in try await JournalRepository(sql: sql).verify() }
                guard case .intact = chainOnly else {
                    Issue.record("the attacker's rewrite should keep the chain consistent: \(chainOnly)")
                    return
                }
                let after = try await Self.auditor(database).audit()
                #expect(
                    after.verification
                        == .broken(
                            JournalBreak(sequence: 4, reason: .rewritten(checkpoint: 10, source: "the database"))))
                #expect(!after.isIntact)
                #expect(after.description.contains("entry 4 no longer matches the checkpoint at entry 10"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func entriesAfterTheLastCheckpointAreNotProtected(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Storage.append(count: 4, to: database)
                try await Self.checkpointer(database).checkpoint()
                try await Storage.append(count: 2, to: database)
                try await Self.rewrite(database, entry: 6)
                #expect(try await Self.auditor(database).audit().isIntact)
                try await Self.rewrite(database, entry: 4)
                let audit = try await Self.auditor(database).audit()
                #expect(
                    audit.verification
                        == .broken(JournalBreak(sequence: 4, reason: .rewritten(checkpoint: 4, source: "the database")))
                )
            }
        }

        @Test(arguments: StorageBackend.available)
        func theExportFileNamesTheEntryWhenTheDatabaseCheckpointsAreRewrittenToo(
            backend: StorageBackend
        ) async throws {
            try await withFreshDatabase(backend) { database in
                let directory = try Self.temporaryDirectory()
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let key = try PlatformSigningKey.loadOrCreate(dataDirectory: directory)
                let file = JournalCheckpointFile(path: directory + "/checkpoints.jsonl")
                let checkpointer = Self.checkpointer(database, key: key, file: file)
                try await Storage.append(count: 10, to: database)
                try await checkpointer.checkpoint()
                try await Storage.append(count: 5, to: database)
                try await checkpointer.checkpoint()
                #expect(try file.read().checkpoints.map(\.checkpoint.sequence) == [10, 15])

                try await Self.rewrite(database, entry: 12)
                // The attacker also replaces the database's checkpoints by ones that match the new chain,
                // signed with a key of their own.
                let forged = Self.checkpointer(database, key: PlatformSigningKey(privateKey: .init()))
                try await Storage.tamper(database, "DELETE FROM journal_checkpoints")
                try await forged.checkpoint()
                let audit = try await Self.auditor(database, key: key, file: file).audit()
                #expect(
                    audit.verification
                        == .broken(
                            JournalBreak(
                                sequence: 12, reason: .rewritten(checkpoint: 15, source: "\(file.path) line 2"))))
                #expect(audit.problems.contains { $0.contains("does not bear the platform's signature") })
                #expect(audit.problems.contains { $0.contains("missing from the database") })

                // The same through the command, with the data directory's key.
                let url =
                    switch database.location {
                    case .sqlite(let path): "sqlite:\(path)"
                    case .postgres(let url): url
                    }
                let arguments = [
                    "journal", "verify", "--database-url", url, "--data-dir", directory, "--journal-checkpoints",
                    file.path,
                ]
                let command = try #require(try SceauPlatform.parseAsRoot(arguments) as? JournalCommand.Verify)
                let fromCommand = try await command.audit()
                #expect(fromCommand.verification == audit.verification)
                await #expect(throws: ExitCode.failure) {
                    var verify = command
                    try await verify.run()
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func aTamperedCheckpointSignatureIsDetected(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Storage.append(count: 5, to: database)
                let checkpoint = try #require(try await Self.checkpointer(database).checkpoint())
                #expect(try await Self.auditor(database).audit().isIntact)
                var signature = checkpoint.signature
                signature[signature.count - 1] ^= 1
                try await Storage.tamper(
                    database,
                    "UPDATE journal_checkpoints SET signature = '\(Data(signature).base64EncodedString())'")
                let audit = try await Self.auditor(database).audit()
                #expect(!audit.isIntact)
                #expect(
                    audit.problems == [
                        "the checkpoint at entry 5 (the database) does not bear the platform's signature: "
                            + "it was forged or altered"
                    ])
            }
        }

        @Test func aTornLastLineIsToleratedWithAWarning() async throws {
            try await withFreshDatabase(.sqlite) { database in
                let directory = try Self.temporaryDirectory()
                defer { try? FileManager.default.removeItem(atPath: directory) }
                let file = JournalCheckpointFile(path: directory + "/checkpoints.jsonl")
                let checkpointer = Self.checkpointer(database, file: file)
                for _ in 0..<2 {
                    try await Storage.append(count: 3, to: database)
                    try await checkpointer.checkpoint()
                }
                try await Storage.append(count: 3, to: database)
                // A crash in the middle of the third line.
                let third = try #require(try await checkpointer.checkpoint())
                let whole = try #require(FileManager.default.contents(atPath: file.path))
                let torn = whole.prefix(whole.count - third.line.utf8.count / 2)
                try torn.write(to: URL(fileURLWithPath: file.path))

                let contents = try file.read()
                #expect(contents.checkpoints.map(\.checkpoint.sequence) == [3, 6])
                #expect(contents.warnings.count == 1)
                #expect(contents.warnings.first?.contains("line 3") == true)
                let audit = try await Self.auditor(database, file: file).audit()
                #expect(audit.isIntact)
                #expect(audit.warnings.contains { $0.contains("line 3 is not a whole checkpoint") })

                // The next checkpoint starts on a line of its own.
                try await Storage.append(count: 2, to: database)
                try await checkpointer.checkpoint()
                let next = try file.read()
                #expect(next.checkpoints.map(\.checkpoint.sequence) == [3, 6, 11])
                #expect(next.checkpoints.last?.line == 4)
                #expect(next.warnings.count == 1)
            }
        }

        @Test func aCheckpointIsDueEveryNEntriesOrEveryMMinutes() async throws {
            try await withFreshDatabase(.sqlite) { database in
                var checkpointer = Self.checkpointer(database)
                checkpointer.everyEntries = 5
                checkpointer.everySeconds = 600
                let start: Int64 = 1_767_225_600
                #expect(try await checkpointer.checkpointIfDue(at: start) == nil)
                try await Storage.append(count: 2, to: database)
                #expect(try await checkpointer.checkpointIfDue(at: start)?.sequence == 2)
                try await Storage.append(count: 4, to: database)
                #expect(try await checkpointer.checkpointIfDue(at: start + 60) == nil)
                try await Storage.append(count: 1, to: database)
                #expect(try await checkpointer.checkpointIfDue(at: start + 120)?.sequence == 7)
                try await Storage.append(count: 1, to: database)
                #expect(try await checkpointer.checkpointIfDue(at: start + 700) == nil)
                #expect(try await checkpointer.checkpointIfDue(at: start + 721)?.sequence == 8)
                #expect(try await checkpointer.checkpointIfDue(at: start + 9999) == nil)
            }
        }

        @Test(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.timestampURL)))
        func checkpointsAreTimeStampedWhenATSAIsGiven() async throws {
            let url = try #require(URL(string: try TestEnvironment.timestampURL.fixture("TSA")))
            try await withFreshDatabase(.sqlite) { database in
                let checkpointer = Self.checkpointer(database, timestamps: TimestampClient(url: url))
                try await Storage.append(count: 3, to: database)
                let first = try #require(try await checkpointer.checkpoint())
                try await Storage.append(count: 3, to: database)
                try await checkpointer.checkpoint()
                #expect(first.timestampToken != nil)
                let audit = try await Self.auditor(database).audit()
                #expect(audit.isIntact)
                #expect(audit.unstamped == 0)
                #expect(audit.last?.stampedAt != nil)
                #expect(!audit.warnings.contains { $0.contains("not time-stamped") })
                // A token that stamps another checkpoint's signature.
                let token = Data(try #require(first.timestampToken)).base64EncodedString()
                try await Storage.tamper(
                    database, "UPDATE journal_checkpoints SET timestamp_token = '\(token)' WHERE sequence = 6")
                let tampered = try await Self.auditor(database).audit()
                #expect(!tampered.isIntact)
                #expect(tampered.problems.contains { $0.contains("entry 6 (the database) has an invalid time-stamp") })
            }
        }

        typealias Storage = JournalStorageTests

        static let key = PlatformSigningKey(privateKey: P256.Signing.PrivateKey())

        static func checkpointer(
            _ database: Database, key: PlatformSigningKey = key, file: JournalCheckpointFile? = nil,
            timestamps: TimestampClient? = nil
        ) -> JournalCheckpointer {
            JournalCheckpointer(
                database: database, signingKey: key, timestampClient: timestamps, file: file,
                logger: Logger(label: "test"))
        }

        static func auditor(
            _ database: Database, key: PlatformSigningKey = key, file: JournalCheckpointFile? = nil
        ) -> JournalAuditor {
            JournalAuditor(database: database, publicKey: key.privateKey.publicKey, file: file, pageSize: 4)
        }

        static func temporaryDirectory() throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-journal-\(UUID())").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        /// Rewrites entry `entry`'s details, then recomputes every hash after it and the head, in SQL, as a
        /// database writer would: the chain stays consistent.
        static func rewrite(_ database: Database, entry sequence: Int64) async throws {
            let entries = try await database.session { sql in try await JournalRepository(sql: sql).entries(entity: 1) }
            var previous = sequence == 1 ? JournalHash.genesis : entries[Int(sequence) - 2].hash
            var statements: [String] = []
            for entry in entries where entry.sequence >= sequence {
                var event = entry.event
                if entry.sequence == sequence {
                    event = JournalEvent(
                        actor: event.actor, entityID: event.entityID, subject: event.subject, action: event.action,
                        details: ["n": "rewritten"])
                }
                let rewritten = JournalEntry(
                    sequence: entry.sequence, time: entry.time, event: event, previousHash: previous)
                let details = entry.sequence == sequence ? "details = '{\"n\":\"rewritten\"}', " : ""
                statements.append(
                    "UPDATE journal SET \(details)previous_hash = '\(previous)', hash = '\(rewritten.hash)' "
                        + "WHERE sequence = \(entry.sequence)")
                previous = rewritten.hash
            }
            for statement in statements { try await Storage.tamper(database, statement) }
            try await Storage.tamper(database, "UPDATE journal_head SET hash = '\(previous)' WHERE id = 1")
        }
    }
}
