import Logging
import PlatformKernel

extension PeriodicTask {
    /// Runs the uploads' sweep (``UploadSweep``) every `interval`, on one node of the cluster. What it removes
    /// was untouched for the sweep's whole age, so a node writing to the shared data directory is never robbed.
    package static func uploadSweep(_ sweep: UploadSweep, logger: Logger, interval: Duration = .seconds(3600))
        -> PeriodicTask
    {
        PeriodicTask(name: "upload-sweep", interval: interval) {
            let report = try await sweep.run(logger: logger)
            if report != UploadSweep.Report() {
                logger.info(
                    "Abandoned uploads swept: \(report.uploads) uploads, \(report.depositFiles) deposit files, \(report.plaintexts) plaintexts, \(report.temporaryFiles) temporary files, \(report.storedFiles) orphan stored files removed; \(report.failures) failures."
                )
            }
        }
    }
}
