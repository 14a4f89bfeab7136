import Logging
import PlatformKernel
import ServiceLifecycle

/// Sends the clôture summaries (``ConsultationAlerts/sendClosureSummaries()``) when the platform starts,
/// then every ``interval`` (a minute by default): a summary leaves at most that long after the deadline.
package struct ClosureAlertService: Service {
    package let alerts: ConsultationAlerts
    package let logger: Logger
    package var interval: Duration = .seconds(60)

    package init(alerts: ConsultationAlerts, logger: Logger, interval: Duration = .seconds(60)) {
        self.alerts = alerts
        self.logger = logger
        self.interval = interval
    }

    package func run() async throws {
        let metrics = BackgroundTaskMetrics(task: "closure-alerts")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await alerts.sendClosureSummaries()
                metrics.succeeded()
                if report != ConsultationAlerts.ClosureReport() {
                    logger.info(
                        "Clôture alerts: \(report.consultations) consultations, \(report.mailsSent) mails sent, \(report.mailsFailed) failed."
                    )
                }
            } catch {
                metrics.failed()
                logger.error("The clôture alerts failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
