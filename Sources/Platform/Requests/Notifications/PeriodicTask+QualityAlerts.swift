import Logging
import PlatformKernel

extension PeriodicTask {
    /// Runs the quality-of-service alerts (``AgentNotifier/sendQualityAlerts()``) every `interval`
    /// (`serve --qos-alert-interval`, an hour by default), on one node of the cluster.
    package static func qualityAlerts(_ notifier: AgentNotifier, logger: Logger, interval: Duration = .seconds(3600))
        -> PeriodicTask
    {
        PeriodicTask(name: "quality-alerts", interval: interval) {
            let report = try await notifier.sendQualityAlerts()
            if report != AgentNotifier.AlertReport() {
                logger.info(
                    "Quality alerts: \(report.late) requests late, \(report.urgent) urgent; \(report.mailsSent) mails sent, \(report.mailsFailed) failed."
                )
            }
        }
    }
}
