import Foundation
import Testing

@testable import PlatformKernel

/// SQLite serves one node: the lock beside the database file.
struct SQLiteNodeLockTests {
    static func withDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-lock-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory + "/sceau.sqlite")
    }

    @Test func aSecondOpenerIsRefusedWithAClearMessage() throws {
        try Self.withDirectory { path in
            let lock = try SQLiteNodeLock(databasePath: path)
            #expect(lock.path == path + ".lock")
            #expect(throws: StorageError.sqliteInUse(path: path)) { _ = try SQLiteNodeLock(databasePath: path) }
            #expect(StorageError.sqliteInUse(path: path).description.contains("PostgreSQL"))
            withExtendedLifetime(lock) {}
        }
    }

    @Test func theLockIsReleasedOnReleaseAndWhenItsHolderGoes() throws {
        try Self.withDirectory { path in
            let lock = try SQLiteNodeLock(databasePath: path)
            lock.release()
            do {
                let second = try SQLiteNodeLock(databasePath: path)
                withExtendedLifetime(second) {}
            }
            // Closed with its holder (a process's end, kill -9 included, closes it too).
            _ = try SQLiteNodeLock(databasePath: path)
        }
    }

    @Test func aKilledHolderNeverBlocksARestart() throws {
        try Self.withDirectory { path in
            // Another process takes the lock with flock(2) and is killed with SIGKILL.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            holder.arguments = [
                "-c",
                "import fcntl, sys, time; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); time.sleep(30)",
                path + ".lock",
            ]
            try holder.run()
            defer { if holder.isRunning { holder.terminate() } }
            var refused = false
            for _ in 0..<100 where !refused {
                refused = (try? SQLiteNodeLock(databasePath: path)) == nil
                if !refused { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(refused)
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
            var taken: SQLiteNodeLock?
            for _ in 0..<100 where taken == nil {
                taken = try? SQLiteNodeLock(databasePath: path)
                if taken == nil { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(taken != nil)
        }
    }
}
