import Logging
import PlatformKernel
import ServiceLifecycle

/// Runs the drafts' sweep (``FrontOfficeService/sweepDrafts()``) every hour while the platform runs.
package struct DraftSweepService: Service {
    package let frontOffice: FrontOfficeService
    package let logger: Logger
    package var interval: Duration = .seconds(3600)

    package init(frontOffice: FrontOfficeService, logger: Logger, interval: Duration = .seconds(3600)) {
        self.frontOffice = frontOffice
        self.logger = logger
        self.interval = interval
    }

    package func run() async throws {
        let metrics = BackgroundTaskMetrics(task: "draft-sweep")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await frontOffice.sweepDrafts()
                metrics.succeeded()
                if report != FrontOfficeService.SweepReport() {
                    logger.info(
                        "Drafts: \(report.noticesSent) notices sent, \(report.deleted) deleted, \(report.failedNotices) notices failed."
                    )
                }
            } catch {
                metrics.failed()
                logger.error("The drafts' sweep failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
