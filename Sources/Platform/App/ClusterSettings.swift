import PlatformKernel

/// How this node runs among others (`serve --node-id`, `--database-wait`, `--database-pool-size`,
/// `--lease-seconds`, `--drain-seconds`).
package struct ClusterSettings: Sendable {
    /// This node's name in the background leases and the log.
    package var nodeID = NodeID.default
    /// How long start-up waits for an unreachable database, retrying with backoff.
    package var databaseWait: Duration = .seconds(60)
    /// The most PostgreSQL connections of this node, in total; `nil`: 4 per event loop.
    package var databasePoolSize: Int?
    /// How long a background lease lasts without renewal, in seconds.
    package var leasePeriod = BackgroundLeases.defaultPeriod
    /// How long `/ready` answers 503 after SIGTERM before the server stops accepting connections.
    package var drainDelay: Duration = .zero
    /// Turns 503 on `/ready` once shutdown starts; shared by the routes and ``ShutdownDrain``.
    package var readiness = NodeReadiness()

    package init() {}
}
