import Logging
import PlatformKernel

extension PeriodicTask {
    /// Sends the clôture summaries (``ConsultationAlerts/sendClosureSummaries()``) every `interval` (a minute
    /// by default), on one node of the cluster: a summary leaves at most that long after the deadline.
    package static func closureAlerts(_ alerts: ConsultationAlerts, logger: Logger, interval: Duration = .seconds(60))
        -> PeriodicTask
    {
        PeriodicTask(name: "closure-alerts", interval: interval) {
            let report = try await alerts.sendClosureSummaries()
            if report != ConsultationAlerts.ClosureReport() {
                logger.info(
                    "Clôture alerts: \(report.consultations) consultations, \(report.mailsSent) mails sent, \(report.mailsFailed) failed."
                )
            }
        }
    }
}
