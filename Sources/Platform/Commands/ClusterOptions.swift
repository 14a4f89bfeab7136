import ArgumentParser
import PlatformApp
import PlatformKernel

/// `serve`'s options for running several nodes over one PostgreSQL database and one shared data directory.
struct ClusterOptions: ParsableArguments {
    @Option(help: "This node's name among the nodes, in background leases and the log (default: hostname-pid).")
    var nodeId: String?

    @Option(
        help:
            "Seconds start-up waits for an unreachable database, trying again with a growing pause (0.5 s doubling to 8 s) and logging each try, before it gives up."
    )
    var databaseWait: Int = 60

    @Option(
        help:
            "Most PostgreSQL connections of this node in total, split evenly among its event loops (one per CPU core), at least one per loop. Default: 4 per event loop. SQLite ignores it."
    )
    var databasePoolSize: Int?

    @Option(
        help:
            "Seconds a node's lease on a background task (alerts, sweeps, journal checkpoints) lasts without renewal: another node takes a dead node's tasks after at most this long."
    )
    var leaseSeconds: Int = Int(BackgroundLeases.defaultPeriod)

    @Option(
        help:
            "Seconds /ready answers 503 after SIGTERM before the server stops taking connections (set it to a few load-balancer checks); requests in flight then finish before exit."
    )
    var drainSeconds: Int = 0

    /// The settings these options give, checked.
    func settings() throws -> ClusterSettings {
        guard databaseWait >= 0, drainSeconds >= 0 else {
            throw ValidationError("--database-wait and --drain-seconds must be zero or positive.")
        }
        guard leaseSeconds >= 3 else { throw ValidationError("--lease-seconds must be at least 3.") }
        if let databasePoolSize, databasePoolSize < 1 {
            throw ValidationError("--database-pool-size must be positive.")
        }
        if let nodeId, nodeId.isEmpty { throw ValidationError("--node-id must not be empty.") }
        var settings = ClusterSettings()
        if let nodeId { settings.nodeID = nodeId }
        settings.databaseWait = .seconds(databaseWait)
        settings.databasePoolSize = databasePoolSize
        settings.leasePeriod = Int64(leaseSeconds)
        settings.drainDelay = .seconds(drainSeconds)
        return settings
    }
}
