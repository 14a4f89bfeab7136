import Logging
import PlatformKernel
import Procurement
import Requests
import ServiceLifecycle

/// The parts of ``buildApplication(_:)`` that let several nodes share one database and one data directory.
extension PlatformConfiguration {
    /// SQLite serves one node: its lock, held until the application stops; `nil` on PostgreSQL.
    package func takeSQLiteLock() throws -> SQLiteNodeLock? {
        guard case .sqlite(let path) = database else { return nil }
        return try SQLiteNodeLock(databasePath: path)
    }

    /// The background leases of this node.
    package func backgroundLeases(_ database: Database) -> BackgroundLeases {
        BackgroundLeases(database: database, node: cluster.nodeID, period: cluster.leasePeriod)
    }
}

/// The periodic tasks of the platform, each run once across the cluster by a ``PeriodicService``.
package func periodicTasks(
    database: Database, files: FileStore, uploads: ChunkedUploads, signingKey: PlatformSigningKey,
    configuration: PlatformConfiguration, logger: Logger
) -> [PeriodicTask] {
    var tasks: [PeriodicTask] = [
        .journalCheckpoints(
            journalCheckpointer(
                database: database, signingKey: signingKey, configuration: configuration, logger: logger),
            logger: logger),
        .uploadSweep(
            UploadSweep(database: database, files: files, uploads: uploads, age: configuration.abandonedUploadAge),
            logger: logger, interval: configuration.uploadSweepInterval),
        .draftSweep(frontOfficeService(database: database, configuration: configuration), logger: logger),
        .closureAlerts(
            consultationAlerts(database: database, configuration: configuration, logger: logger), logger: logger,
            interval: configuration.closureAlertInterval),
    ]
    if let mailer = configuration.noticeMailer ?? configuration.smtp {
        var mailing = PointsStatementMailing(database: database, mailer: mailer, sender: configuration.mailFrom)
        mailing.logger = logger
        tasks.append(.pointsStatements(mailing, logger: logger))
    }
    if configuration.payments.kind != .none {
        tasks.append(
            .paymentExpiry(
                paymentService(database: database, configuration: configuration, logger: logger), logger: logger))
    }
    if let notifier = agentNotifier(database: database, configuration: configuration, logger: logger) {
        tasks.append(.qualityAlerts(notifier, logger: logger, interval: configuration.qualityAlertInterval))
    }
    return tasks
}

/// Holds the SQLite lock while the application runs; added before the database's service, so released last.
package struct SQLiteNodeLockService: Service {
    package let lock: SQLiteNodeLock

    package init(lock: SQLiteNodeLock) {
        self.lock = lock
    }

    package func run() async throws {
        try? await gracefulShutdown()
        lock.release()
    }
}

/// What `/ready` checks on this node.
package func readinessCheck(
    _ database: Database, _ files: FileStore, _ configuration: PlatformConfiguration, _ logger: Logger
) -> ReadinessCheck {
    ReadinessCheck(
        database: database, files: files, readiness: configuration.cluster.readiness,
        migrations: Migrations.all.map(\.name), logger: logger)
}
