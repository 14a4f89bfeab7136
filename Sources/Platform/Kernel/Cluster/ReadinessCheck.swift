import CoreModel
import Foundation
import Logging
import NIOPosix
import Synchronization

/// What `/ready` checks: the node is not shutting down, the database answers within ``timeout`` with every
/// migration applied, and the file store's temporary directory takes a file. Causes go to the log only.
package struct ReadinessCheck: Sendable {
    package let database: Database
    package let files: FileStore
    package let readiness: NodeReadiness
    /// The migrations this version of the platform expects (`Migrations.all`'s names).
    package let migrations: [String]
    package let logger: Logger
    package var timeout: Duration = .seconds(2)

    package init(
        database: Database, files: FileStore, readiness: NodeReadiness, migrations: [String], logger: Logger,
        timeout: Duration = .seconds(2)
    ) {
        self.database = database
        self.files = files
        self.readiness = readiness
        self.migrations = migrations
        self.logger = logger
        self.timeout = timeout
    }

    /// The report: `status` is `ok` only when every check is.
    package func report() async -> HealthReport {
        guard !readiness.isDraining else {
            return HealthReport(service: "sceau-platform", checks: ["node": "draining"])
        }
        async let database = within(timeout, otherwise: "unavailable") { await databaseCheck() }
        async let storage = within(timeout, otherwise: "unwritable") { await storageCheck() }
        return HealthReport(
            service: "sceau-platform", checks: ["node": "ok", "database": await database, "storage": await storage])
    }

    /// `ok`, `unavailable` or `migrations-pending`.
    private func databaseCheck() async -> String {
        do {
            let applied = try await database.session { sql in
                try await sql.select().column("name").from("schema_migrations")
                    .all(decodingColumn: "name", as: String.self)
            }
            return Set(migrations).isSubset(of: applied) ? "ok" : "migrations-pending"
        } catch {
            logger.error("Readiness: the database does not answer: \(String(reflecting: error))")
            return "unavailable"
        }
    }

    /// `ok` when a file can be created, written and removed in the store's temporary directory.
    private func storageCheck() async -> String {
        let path = files.temporaryDirectory + "/ready-\(UUID().uuidString)"
        do {
            try await files.threadPool.runIfActive {
                guard FileManager.default.createFile(atPath: path, contents: Data("ready".utf8)) else {
                    throw CocoaError(.fileWriteUnknown)
                }
                try FileManager.default.removeItem(atPath: path)
            }
            return "ok"
        } catch {
            logger.error("Readiness: the file store is not writable (\(path)): \(String(reflecting: error))")
            return "unwritable"
        }
    }

    /// `check`'s answer, or `fallback` once `timeout` passed (the check goes on in the background, bounded by
    /// the pool's own timeout).
    private func within(
        _ timeout: Duration, otherwise fallback: String, _ check: @escaping @Sendable () async -> String
    ) async -> String {
        let answered = Answered()
        return await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let answer: @Sendable (String) -> Void = { value in
                if answered.first() { continuation.resume(returning: value) }
            }
            Task { answer(await check()) }
            Task {
                try? await Task.sleep(for: timeout)
                answer(fallback)
            }
        }
    }
}

/// Whether an answer was already given: the first caller of ``first()`` gets `true`.
private final class Answered: Sendable {
    private let given = Mutex(false)

    func first() -> Bool {
        given.withLock { given in
            defer { given = true }
            return !given
        }
    }
}
