import Logging
import ServiceLifecycle

/// Put after the application in the service group, so that its graceful shutdown comes first: `/ready` turns
/// 503 at once and, after ``delay`` (`serve --drain-seconds`, a few load-balancer checks), the server stops
/// accepting connections and finishes the requests in flight before the process exits.
package struct ShutdownDrain: Service {
    package let readiness: NodeReadiness
    package let delay: Duration
    package let logger: Logger

    package init(readiness: NodeReadiness, delay: Duration, logger: Logger) {
        self.readiness = readiness
        self.delay = delay
        self.logger = logger
    }

    package func run() async throws {
        try? await gracefulShutdown()
        readiness.startDraining()
        logger.notice("Shutting down: /ready answers 503; requests in flight finish after \(delay) of draining.")
        try? await Task.sleep(for: delay)
    }
}
