import CoreModel
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PlatformTestSupport
import ServiceLifecycle
import Testing

@testable import Platform
@testable import PlatformApp
@testable import PlatformKernel

/// A node among others: liveness apart from readiness, the SQLite single-node lock, the start-up wait for the
/// database, `serve`'s cluster options and the drain on shutdown.
extension DatabaseTests {
    struct ClusterTests {
        static func decode(_ buffer: ByteBuffer) throws -> HealthReport {
            try JSONDecoder().decode(HealthReport.self, from: Data(buffer: buffer))
        }

        /// The routes over `database` with a data directory of their own, without migrating or waiting.
        static func withRouter(
            database: Database, readiness: NodeReadiness = NodeReadiness(),
            prepare: (String) throws -> Void = { _ in },
            _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
        ) async throws {
            let data = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-cluster-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: data) }
            let files = try FileStore(dataDirectory: data)
            let uploads = try ChunkedUploads(dataDirectory: data)
            let key = try PlatformSigningKey.loadOrCreate(dataDirectory: data)
            try prepare(files.temporaryDirectory)
            var configuration = PlatformConfiguration(port: 0, database: database.location, dataDirectory: data)
            configuration.cluster.readiness = readiness
            let router = buildRouter(
                database: database, files: files, uploads: uploads, signingKey: key, configuration: configuration,
                logger: Logger(label: "test"))
            try await Application(router: router).test(.router, body)
        }

        static let unreachable = DatabaseLocation.postgres(url: "postgres://sceau:sceau@127.0.0.1:1/sceau")

        @Test func healthAnswersWithoutTheDatabaseAndReadinessSaysItIsDown() async throws {
            try await Database.using(Self.unreachable, logger: Logger(label: "test")) { database in
                try await Self.withRouter(database: database) { client in
                    try await client.execute(uri: "/health", method: .get) { response in
                        #expect(response.status == .ok)
                        let report = try Self.decode(response.body)
                        #expect(report == HealthReport(service: "sceau-platform"))
                    }
                    try await client.execute(uri: "/ready", method: .get) { response in
                        #expect(response.status == .serviceUnavailable)
                        let report = try Self.decode(response.body)
                        #expect(report.checks == ["node": "ok", "database": "unavailable", "storage": "ok"])
                        #expect(report.status == "degraded")
                    }
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func readyWhenMigratedAndWritableNotWhileDraining(backend: StorageBackend) async throws {
            let readiness = NodeReadiness()
            try await withFreshDatabase(backend) { database in
                try await Self.withRouter(database: database, readiness: readiness) { client in
                    try await client.execute(uri: "/ready", method: .get) { response in
                        #expect(response.status == .ok)
                        let checks = try Self.decode(response.body).checks
                        #expect(
                            checks == [
                                "node": "ok", "database": "ok", "storage": "ok",
                            ])
                    }
                    readiness.startDraining()
                    try await client.execute(uri: "/ready", method: .get) { response in
                        #expect(response.status == .serviceUnavailable)
                        let checks = try Self.decode(response.body).checks
                        #expect(checks == ["node": "draining"])
                    }
                    // Still alive while it drains.
                    try await client.execute(uri: "/health", method: .get) { response in
                        #expect(response.status == .ok)
                    }
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func notReadyWithMigrationsPendingOrStorageUnwritable(backend: StorageBackend) async throws {
            try await backend.withFreshLocation { location in
                try await Database.using(location, logger: Logger(label: "test")) { database in
                    // Every migration but the last applied: an older schema than this version expects.
                    _ = try await Migrator(database: database, migrations: Array(Migrations.all.dropLast())).migrate()
                    try await Self.withRouter(
                        database: database,
                        prepare: { try FileManager.default.removeItem(atPath: $0) }
                    ) { client in
                        try await client.execute(uri: "/ready", method: .get) { response in
                            #expect(response.status == .serviceUnavailable)
                            let checks = try Self.decode(response.body).checks
                            #expect(
                                checks == [
                                    "node": "ok", "database": "migrations-pending", "storage": "unwritable",
                                ])
                        }
                    }
                }
            }
        }

        @Test func aSecondNodeOnOneSQLiteDatabaseIsRefused() async throws {
            try await StorageBackend.sqlite.withFreshLocation { location in
                let data = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-cluster-\(UUID())").path
                defer { try? FileManager.default.removeItem(atPath: data) }
                let configuration = PlatformConfiguration(port: 0, database: location, dataDirectory: data)
                let first = try await buildApplication(configuration)
                guard case .sqlite(let path) = location else { return }
                await #expect(throws: StorageError.sqliteInUse(path: path)) {
                    _ = try await buildApplication(configuration)
                }
                // Once the first stops, a node starts again on the same database.
                try await first.test(.router) { client in
                    try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                }
                let second = try await buildApplication(configuration)
                try await second.test(.router) { client in
                    try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
                }
            }
        }

        @Test func startUpGivesUpOnAnUnreachableDatabaseAfterItsWait() async throws {
            try await Database.using(Self.unreachable, logger: Logger(label: "test")) { database in
                do {
                    try await database.waitUntilReachable(
                        for: .seconds(1), backoff: Backoff(initial: 0.1, maximum: 0.2), logger: Logger(label: "test"))
                    Issue.record("The wait should have given up.")
                } catch let error as StorageError {
                    guard case .databaseUnreachable(let seconds, let attempts, _) = error else {
                        Issue.record("Unexpected \(error)")
                        return
                    }
                    #expect(seconds == 1)
                    #expect(attempts >= 3)
                    #expect(error.description.contains("--database-wait"))
                }
            }
        }

        @Test func serveTakesTheClusterOptions() throws {
            let command = try ServeCommand.parse([
                "--node-id", "web-2", "--database-wait", "5", "--database-pool-size", "16", "--lease-seconds", "30",
                "--drain-seconds", "4",
            ])
            let settings = try command.cluster.settings()
            #expect(settings.nodeID == "web-2")
            #expect(settings.databaseWait == .seconds(5))
            #expect(settings.databasePoolSize == 16)
            #expect(settings.leasePeriod == 30)
            #expect(settings.drainDelay == .seconds(4))
            let defaults = try ServeCommand.parse([]).cluster.settings()
            #expect(defaults.nodeID == NodeID.default)
            #expect(defaults.databaseWait == .seconds(60))
            #expect(defaults.databasePoolSize == nil)
            #expect(throws: (any Error).self) {
                try ServeCommand.parse(["--database-pool-size", "0"]).cluster.settings()
            }
            #expect(throws: (any Error).self) { try ServeCommand.parse(["--lease-seconds", "1"]).cluster.settings() }
        }

        @Test func thePoolSizeIsATotalSplitAmongTheEventLoops() {
            #expect(PostgresBackend.connectionsPerEventLoop(poolSize: nil, eventLoops: 2) == 4)
            #expect(PostgresBackend.connectionsPerEventLoop(poolSize: 16, eventLoops: 2) == 8)
            #expect(PostgresBackend.connectionsPerEventLoop(poolSize: 5, eventLoops: 2) == 2)
            #expect(PostgresBackend.connectionsPerEventLoop(poolSize: 1, eventLoops: 4) == 1)
        }

        @Test func gracefulShutdownTurnsReadinessOffFirst() async throws {
            let readiness = NodeReadiness()
            let group = ServiceGroup(
                configuration: .init(
                    services: [ShutdownDrain(readiness: readiness, delay: .zero, logger: Logger(label: "test"))],
                    logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(!readiness.isDraining)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(readiness.isDraining)
        }
    }
}
