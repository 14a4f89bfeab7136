import ArgumentParser
import PlatformTestSupport
import SQLKit
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The journal on both backends: appends in the caller's transaction, verification, tampering, concurrency.
extension DatabaseTests {
    struct JournalStorageTests {
        @Test(arguments: StorageBackend.available)
        func appendsChainAndReadBack(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let events = [
                    JournalEvent(
                        actor: .agent(4), entityID: 1, subject: .consultation(12), action: .consultationValidated,
                        details: ["previous": "en-attente", "state": "consultation"]),
                    JournalEvent(
                        actor: .company(9), entityID: 1, subject: .deposit(7), action: .depositCompleted,
                        details: ["sha256": String(repeating: "ab", count: 32), "note": "été « reçu »"]),
                    JournalEvent(
                        actor: .agent(5), entityID: 2, subject: .consultation(13), action: .consultationCreated),
                ]
                var appended: [JournalEntry] = []
                for (index, event) in events.enumerated() {
                    appended.append(
                        try await database.transaction { sql in
                            try await JournalRepository(sql: sql).append(event, at: 1_767_225_600 + Int64(index))
                        })
                }
                #expect(appended.map(\.sequence) == [1, 2, 3])
                let expected = appended
                #expect(appended[0].previousHash == .genesis)
                #expect(appended[2].previousHash == appended[1].hash)
                try await database.session { sql in
                    let journal = JournalRepository(sql: sql)
                    let consultation = try await journal.entries(subject: .consultation(12))
                    #expect(consultation == [expected[0]])
                    let deposit = try await journal.entries(subject: .deposit(7))
                    #expect(deposit == [expected[1]])
                    let entity = try await journal.entries(entity: 1)
                    #expect(entity == Array(expected.prefix(2)))
                    let otherEntity = try await journal.entries(entity: 99)
                    #expect(otherEntity.isEmpty)
                    let verification = try await journal.verify()
                    #expect(verification == .intact(count: 3, head: expected[2].hash))
                    let head = try await journal.head()
                    #expect(head.sequence == 3)
                    #expect(head.hash == expected[2].hash)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func aRolledBackTransactionLeavesNoEntry(backend: StorageBackend) async throws {
            struct Abort: Error {}
            try await withFreshDatabase(backend) { database in
                await #expect(throws: Abort.self) {
                    try await database.transaction { sql in
                        try await JournalRepository(sql: sql).append(Self.event(1))
                        throw Abort()
                    }
                }
                try await database.session { sql in
                    let verification = try await JournalRepository(sql: sql).verify()
                    #expect(verification == .intact(count: 0, head: .genesis))
                }
                let entry = try await database.transaction { sql in
                    try await JournalRepository(sql: sql).append(Self.event(2))
                }
                #expect(entry.sequence == 1)
                #expect(entry.previousHash == .genesis)
            }
        }

        @Test(arguments: StorageBackend.available)
        func anAppendOutsideATransactionIsRefusedOnPostgreSQL(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                switch backend {
                case .postgres:
                    await #expect(throws: JournalError.outsideTransaction) {
                        try await database.session { sql in try await JournalRepository(sql: sql).append(Self.event(1))
                        }
                    }
                case .sqlite:
                    let entry = try await database.session { sql in
                        try await JournalRepository(sql: sql).append(Self.event(1))
                    }
                    #expect(entry.sequence == 1)
                }
                let verification = try await database.session { sql in try await JournalRepository(sql: sql).verify() }
                let head = try await Self.head(database)
                #expect(verification == .intact(count: backend == .postgres ? 0 : 1, head: head))
            }
        }

        @Test(arguments: StorageBackend.available)
        func theSchemaRefusesUpdatesAndDeletes(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Self.append(count: 2, to: database)
                await #expect(throws: (any Error).self) {
                    try await database.session { sql in
                        try await sql.raw("UPDATE journal SET details = '{}' WHERE sequence = 1").run()
                    }
                }
                await #expect(throws: (any Error).self) {
                    try await database.session { sql in
                        try await sql.raw("DELETE FROM journal WHERE sequence = 2").run()
                    }
                }
                try await database.session { sql in
                    let journal = JournalRepository(sql: sql)
                    let head = try await journal.head()
                    #expect(head.sequence == 2)
                    let verification = try await journal.verify()
                    #expect(verification == .intact(count: 2, head: head.hash))
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func anEditedRowIsDetectedAtItsSequence(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Self.append(count: 25, to: database)
                try await Self.tamper(database, "UPDATE journal SET details = '{\"n\":\"99\"}' WHERE sequence = 13")
                try await database.session { sql in
                    let journal = JournalRepository(sql: sql)
                    let broken = JournalVerification.broken(JournalBreak(sequence: 13, reason: .edited))
                    let whole = try await journal.verify()
                    #expect(whole == broken)
                    let byFour = try await journal.verify(pageSize: 4)
                    #expect(byFour == broken)
                    let byThirteen = try await journal.verify(pageSize: 13)
                    #expect(byThirteen == broken)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func rowsInsertedBeyondTheHeadAreDetected(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Self.append(count: 2, to: database)
                let forged = JournalEntry(
                    sequence: 3, time: 1_767_225_600, event: Self.event(3), previousHash: try await Self.head(database))
                try await Self.tamper(
                    database,
                    """
                    INSERT INTO journal VALUES (3, 1767225600, 'company:3', 1, 'envelope', 3, 'envelope.downloaded', \
                    '{"n":"3"}', '\(forged.previousHash)', '\(forged.hash)')
                    """)
                let verification = try await database.session { sql in try await JournalRepository(sql: sql).verify() }
                #expect(verification == .broken(JournalBreak(sequence: 3, reason: .unrecorded)))
            }
        }

        @Test(arguments: StorageBackend.available)
        func unreadableRowsCountAsEdited(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Self.append(count: 3, to: database)
                try await Self.tamper(database, "UPDATE journal SET actor = 'nobody' WHERE sequence = 2")
                try await database.session { sql in
                    let verification = try await JournalRepository(sql: sql).verify()
                    #expect(verification == .broken(JournalBreak(sequence: 2, reason: .edited)))
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func deletedRowsAreDetected(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Self.append(count: 6, to: database)
                try await Self.tamper(database, "DELETE FROM journal WHERE sequence = 6")
                try await database.session { sql in
                    let verification = try await JournalRepository(sql: sql).verify(pageSize: 2)
                    #expect(verification == .broken(JournalBreak(sequence: 6, reason: .missing(through: 6))))
                }
                try await Self.tamper(database, "DELETE FROM journal WHERE sequence IN (2, 3)")
                try await database.session { sql in
                    let verification = try await JournalRepository(sql: sql).verify(pageSize: 2)
                    #expect(verification == .broken(JournalBreak(sequence: 2, reason: .missing(through: 3))))
                }
            }
        }

        /// On PostgreSQL the journal's own lock serialises appends; on SQLite `BEGIN IMMEDIATE` does, its
        /// connections running on threads of their own so that waiting writers never stall the one holding
        /// the lock.
        @Test(arguments: StorageBackend.available)
        func concurrentAppendsKeepOneChain(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let sequences = try await withThrowingTaskGroup(of: Int64.self) { group in
                    for index in 0..<50 {
                        group.addTask {
                            try await database.transaction { sql in
                                try await JournalRepository(sql: sql).append(Self.event(index)).sequence
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(sequences.sorted() == Array(1...50))
                try await database.session { sql in
                    let journal = JournalRepository(sql: sql)
                    let head = try await journal.head()
                    #expect(head.sequence == 50)
                    let verification = try await journal.verify(pageSize: 7)
                    #expect(verification == .intact(count: 50, head: head.hash))
                }
            }
        }

        /// Two nodes append through pools of their own (PostgreSQL: two processes' connections): the head's row
        /// lock orders them, so the chain never forks.
        @Test(arguments: StorageBackend.available)
        func concurrentAppendsFromTwoPoolsKeepOneChain(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                try await Database.using(database.location, logger: .init(label: "node-b")) { other in
                    let sequences = try await withThrowingTaskGroup(of: Int64.self) { group in
                        for index in 0..<60 {
                            let node = index.isMultiple(of: 2) ? database : other
                            group.addTask {
                                try await node.transaction { sql in
                                    try await JournalRepository(sql: sql).append(Self.event(index)).sequence
                                }
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    #expect(sequences.sorted() == Array(1...60))
                }
                try await database.session { sql in
                    let journal = JournalRepository(sql: sql)
                    let head = try await journal.head()
                    #expect(head.sequence == 60)
                    #expect(try await journal.verify(pageSize: 9) == .intact(count: 60, head: head.hash))
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func theVerifyCommandExitsOneOnABrokenJournal(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let url =
                    switch database.location {
                    case .sqlite(let path): "sqlite:\(path)"
                    case .postgres(let url): url
                    }
                try await Self.append(count: 3, to: database)
                try await Self.runCommand(["journal", "verify", "--database-url", url])
                try await Self.tamper(database, "UPDATE journal SET subject_id = 8 WHERE sequence = 2")
                await #expect(throws: ExitCode.failure) {
                    try await Self.runCommand(["journal", "verify", "--database-url", url, "--page-size", "2"])
                }
            }
        }

        static func head(_ database: Database) async throws -> JournalHash {
            try await database.session { sql in try await JournalRepository(sql: sql).head().hash }
        }

        static func event(_ index: Int) -> JournalEvent {
            JournalEvent(
                actor: .company(Int64(index)), entityID: 1, subject: .envelope(Int64(index)),
                action: .envelopeDownloaded, details: ["n": String(index)])
        }

        static func append(count: Int, to database: Database) async throws {
            for index in 0..<count {
                _ = try await database.transaction { sql in try await JournalRepository(sql: sql).append(event(index)) }
            }
        }

        /// Runs `statement` as someone who can alter the schema would: with the append-only triggers off.
        static func tamper(_ database: Database, _ statement: String) async throws {
            try await database.session { sql in
                if sql.dialect.name == "postgresql" {
                    try await sql.raw("ALTER TABLE journal DISABLE TRIGGER journal_append_only").run()
                    try await sql.raw(SQLQueryString(statement)).run()
                    try await sql.raw("ALTER TABLE journal ENABLE TRIGGER journal_append_only").run()
                } else {
                    try await sql.raw("DROP TRIGGER IF EXISTS journal_no_update").run()
                    try await sql.raw("DROP TRIGGER IF EXISTS journal_no_delete").run()
                    try await sql.raw(SQLQueryString(statement)).run()
                }
            }
        }

        static func runCommand(_ arguments: [String]) async throws {
            let command = try SceauPlatform.parseAsRoot(arguments)
            guard var verify = command as? JournalCommand.Verify else {
                Issue.record("\(arguments) parsed as \(type(of: command))")
                return
            }
            try await verify.run()
        }
    }
}
