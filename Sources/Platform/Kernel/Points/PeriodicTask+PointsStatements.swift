import Logging

extension PeriodicTask {
    /// Mails the points' statements due (``PointsStatementMailing/sendDue()``) every `interval` (an hour by
    /// default), on one node of the cluster.
    package static func pointsStatements(
        _ mailing: PointsStatementMailing, logger: Logger, interval: Duration = .seconds(3600)
    ) -> PeriodicTask {
        PeriodicTask(name: "points-statements", interval: interval) {
            let report = try await mailing.sendDue()
            if report != PointsStatementMailing.Report() {
                logger.info(
                    "Points statements: \(report.statements) mailed, \(report.mailsSent) mails sent, \(report.mailsFailed) failed."
                )
            }
        }
    }
}
