import Logging
import PlatformKernel
import ServiceLifecycle

/// Runs the uploads' sweep (``UploadSweep``) when the platform starts, then every ``interval``.
package struct UploadSweepService: Service {
    package let sweep: UploadSweep
    package let logger: Logger
    package var interval: Duration = .seconds(3600)

    package init(sweep: UploadSweep, logger: Logger, interval: Duration = .seconds(3600)) {
        self.sweep = sweep
        self.logger = logger
        self.interval = interval
    }

    package func run() async throws {
        let metrics = BackgroundTaskMetrics(task: "upload-sweep")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await sweep.run(logger: logger)
                metrics.succeeded()
                if report != UploadSweep.Report() {
                    logger.info(
                        "Abandoned uploads swept: \(report.uploads) uploads, \(report.depositFiles) deposit files, \(report.plaintexts) plaintexts, \(report.temporaryFiles) temporary files, \(report.storedFiles) orphan stored files removed; \(report.failures) failures."
                    )
                }
            } catch {
                metrics.failed()
                logger.error("The uploads' sweep failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
