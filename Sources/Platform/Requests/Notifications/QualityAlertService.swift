import Logging
import PlatformKernel
import ServiceLifecycle

/// Runs the quality-of-service alerts (``AgentNotifier/sendQualityAlerts()``) every `interval` while the
/// platform runs (`serve --qos-alert-interval`, an hour by default).
package struct QualityAlertService: Service {
    package let notifier: AgentNotifier
    package let logger: Logger
    package var interval: Duration = .seconds(3600)

    package init(notifier: AgentNotifier, logger: Logger, interval: Duration = .seconds(3600)) {
        self.notifier = notifier
        self.logger = logger
        self.interval = interval
    }

    package func run() async throws {
        let metrics = BackgroundTaskMetrics(task: "quality-alerts")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await notifier.sendQualityAlerts()
                metrics.succeeded()
                if report != AgentNotifier.AlertReport() {
                    logger.info(
                        "Quality alerts: \(report.late) requests late, \(report.urgent) urgent; \(report.mailsSent) mails sent, \(report.mailsFailed) failed."
                    )
                }
            } catch {
                metrics.failed()
                logger.error("The quality alerts failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
