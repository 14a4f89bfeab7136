@preconcurrency import AsyncKit  // EventLoopGroupConnectionPool locks internally but is not marked Sendable.
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// The platform's relational store: SQLKit over a pool of SQLite or PostgreSQL connections.
///
/// Every unit of work that writes more than one row goes through ``transaction(_:)``, so a failure
/// leaves no row half-updated on either backend.
package final class Database: Sendable {
    /// Which backend serves this database.
    package let location: DatabaseLocation
    private let backend: any DatabaseBackend
    private let metrics = DatabaseMetrics()

    private init(location: DatabaseLocation, backend: any DatabaseBackend) {
        self.location = location
        self.backend = backend
    }

    /// Opens the pool; the SQLite file and its directory are created when absent. `poolSize` caps this
    /// process's PostgreSQL connections in total (`serve --database-pool-size`; SQLite's pool is fixed).
    package static func open(_ location: DatabaseLocation, logger: Logger, poolSize: Int? = nil) async throws
        -> Database
    {
        switch location {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StorageError.cannotCreateDataDirectory(path: directory, reason: error.localizedDescription)
            }
            return Database(location: location, backend: SQLiteBackend(path: path, logger: logger))
        case .postgres(let url):
            return Database(
                location: location, backend: try PostgresBackend(url: url, logger: logger, poolSize: poolSize))
        }
    }

    /// Opens the database, runs `body`, and closes it whether `body` succeeded or not.
    package static func using<R: Sendable>(
        _ location: DatabaseLocation, logger: Logger, _ body: (Database) async throws -> R
    ) async throws -> R {
        let database = try await open(location, logger: logger)
        do {
            let result = try await body(database)
            try await database.close()
            return result
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// Runs `body` on one connection, outside any transaction.
    package func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    {
        try await metrics.measure { try await backend.session(body) }
    }

    /// Runs `body` in a transaction on one connection: committed if it returns, rolled back if it throws.
    package func transaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws
        -> R
    {
        try await session { sql in
            try await sql.raw(SQLQueryString(self.backend.beginStatement)).run()
            do {
                let result = try await body(sql)
                try await sql.raw("COMMIT").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Closes every connection; call once, after the last use.
    package func close() async throws {
        try await backend.close()
    }
}

/// One backend's connection pool.
package protocol DatabaseBackend: Sendable {
    /// The statement that opens a write transaction.
    var beginStatement: String { get }
    func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    func close() async throws
}

/// SQLite in WAL mode: several readers and one writer at a time, writers waiting on a busy timeout.
///
/// SQLite's calls block a thread, a writer waiting for the lock included. The connections therefore run
/// on a thread pool of their own with one thread per connection: a writer waiting for `BEGIN IMMEDIATE`
/// can never hold up the statements of the transaction it waits for.
package struct SQLiteBackend: DatabaseBackend {
    package let pool: EventLoopGroupConnectionPool<SQLiteWALSource>
    package let threads: NIOThreadPool
    package let logger: Logger
    package let beginStatement = "BEGIN IMMEDIATE"
    package static let connectionsPerEventLoop = 2

    package init(path: String, logger: Logger) {
        let group = MultiThreadedEventLoopGroup.singleton
        let loops = Array(group.makeIterator()).count
        threads = NIOThreadPool(numberOfThreads: loops * Self.connectionsPerEventLoop)
        threads.start()
        pool = EventLoopGroupConnectionPool(
            source: SQLiteWALSource(path: path, threadPool: threads),
            maxConnectionsPerEventLoop: Self.connectionsPerEventLoop, logger: logger, on: group)
        self.logger = logger
    }

    package func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    {
        let connection = try await pool.requestConnection(logger: logger).get()
        defer { pool.releaseConnection(connection, logger: logger) }
        return try await body(connection.sql())
    }

    package func close() async throws {
        try await pool.shutdownAsync()
        try await threads.shutdownGracefully()
    }
}

/// PostgreSQL through postgres-kit's connection pool.
package struct PostgresBackend: DatabaseBackend {
    package let pool: EventLoopGroupConnectionPool<PostgresConnectionSource>
    package let logger: Logger
    package let beginStatement = "BEGIN"

    /// Connections per event loop when no pool size is given.
    package static let defaultConnectionsPerEventLoop = 4

    /// A pool of `poolSize` connections at most in total, split evenly among the event loops (one per CPU
    /// core), at least one each; ``defaultConnectionsPerEventLoop`` per loop when `nil`.
    package init(url: String, logger: Logger, poolSize: Int? = nil) throws {
        let configuration = try SQLPostgresConfiguration(url: url)
        let group = MultiThreadedEventLoopGroup.singleton
        pool = EventLoopGroupConnectionPool(
            source: PostgresConnectionSource(sqlConfiguration: configuration),
            maxConnectionsPerEventLoop: Self.connectionsPerEventLoop(
                poolSize: poolSize, eventLoops: Array(group.makeIterator()).count),
            logger: logger, on: group)
        self.logger = logger
    }

    /// The connections each of `eventLoops` loops keeps at most for a total of `poolSize`.
    package static func connectionsPerEventLoop(poolSize: Int?, eventLoops: Int) -> Int {
        guard let poolSize else { return defaultConnectionsPerEventLoop }
        return max(1, poolSize / max(1, eventLoops))
    }

    package func session<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    {
        try await pool.database(logger: logger).sql().withSession(body)
    }

    package func close() async throws {
        try await pool.shutdownAsync()
    }
}

/// Opens SQLite connections set up for concurrent use: WAL journal, a busy timeout, foreign keys.
package struct SQLiteWALSource: ConnectionPoolSource {
    package let path: String
    package let threadPool: NIOThreadPool

    package init(path: String, threadPool: NIOThreadPool) {
        self.path = path
        self.threadPool = threadPool
    }

    package func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoop)
            .flatMap { connection in
                // The busy timeout first: switching to WAL waits for other connections' locks too. A
                // connection whose set-up fails is closed before the error goes on (never leaked open).
                connection.query("PRAGMA busy_timeout = 10000")
                    .flatMap { _ in connection.query("PRAGMA journal_mode = WAL") }
                    .flatMap { _ in connection.query("PRAGMA foreign_keys = ON") }
                    .map { _ in connection }
                    .flatMapError { error in connection.close().flatMapThrowing { throw error } }
            }
    }
}
