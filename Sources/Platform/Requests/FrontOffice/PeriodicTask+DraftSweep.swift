import Logging
import PlatformKernel

extension PeriodicTask {
    /// Runs the drafts' sweep (``FrontOfficeService/sweepDrafts()``) every hour, on one node of the cluster.
    package static func draftSweep(
        _ frontOffice: FrontOfficeService, logger: Logger, interval: Duration = .seconds(3600)
    ) -> PeriodicTask {
        PeriodicTask(name: "draft-sweep", interval: interval) {
            let report = try await frontOffice.sweepDrafts()
            if report != FrontOfficeService.SweepReport() {
                logger.info(
                    "Drafts: \(report.noticesSent) notices sent, \(report.deleted) deleted, \(report.failedNotices) notices failed."
                )
            }
        }
    }
}
