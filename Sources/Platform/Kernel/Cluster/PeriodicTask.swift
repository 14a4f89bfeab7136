/// A piece of background work the cluster runs once every ``interval`` (on the node holding its lease):
/// alerts, sweeps, the journal's checkpoints. Each feature builds its own (`PeriodicTask+…`); the app runs
/// them all through ``PeriodicService``.
package struct PeriodicTask: Sendable {
    /// The lease's name, stable across versions (e.g. `closure-alerts`).
    package let name: String
    package let interval: Duration
    /// One run; it logs what it did, and what it throws is logged as the task's failure.
    package let work: @Sendable () async throws -> Void
    /// Run once on graceful shutdown by the node holding the lease (the journal's last checkpoint).
    package var onShutdown: (@Sendable () async throws -> Void)?

    package init(
        name: String, interval: Duration, onShutdown: (@Sendable () async throws -> Void)? = nil,
        work: @escaping @Sendable () async throws -> Void
    ) {
        self.name = name
        self.interval = interval
        self.onShutdown = onShutdown
        self.work = work
    }

    /// The interval in whole seconds, at least one.
    package var intervalSeconds: Int64 { max(1, interval.components.seconds) }
}
