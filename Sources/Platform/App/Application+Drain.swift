import Hummingbird
import Logging
import PlatformKernel
import ServiceLifecycle

extension ApplicationProtocol {
    /// Runs the application until SIGTERM or SIGINT, then drains it: `/ready` answers 503 for
    /// `cluster.drainDelay` (``ShutdownDrain``), the server stops accepting connections and finishes the requests
    /// in flight, and the background services stop, the database last.
    package func runDraining(_ cluster: ClusterSettings, logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    self, ShutdownDrain(readiness: cluster.readiness, delay: cluster.drainDelay, logger: logger),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
