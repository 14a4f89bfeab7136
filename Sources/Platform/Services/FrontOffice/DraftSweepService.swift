import Logging
import ServiceLifecycle

/// Runs the drafts' sweep (``FrontOfficeService/sweepDrafts()``) every hour while the platform runs.
package struct DraftSweepService: Service {
    package let frontOffice: FrontOfficeService
    package let logger: Logger
    package var interval: Duration = .seconds(3600)

    package func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let report = try await frontOffice.sweepDrafts()
                if report != FrontOfficeService.SweepReport() {
                    logger.info(
                        "Drafts: \(report.noticesSent) notices sent, \(report.deleted) deleted, \(report.failedNotices) notices failed."
                    )
                }
            } catch {
                logger.error("The drafts' sweep failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

/// The front office's service as the configuration sets it up.
package func frontOfficeService(database: Database, configuration: PlatformConfiguration) -> FrontOfficeService {
    var service = FrontOfficeService(database: database, hasher: PasswordHasher(cost: configuration.passwordCost))
    if let smtp = configuration.smtp { service.mailer = smtp }
    service.sender = configuration.mailFrom
    service.settings = configuration.requests
    service.sessionLifetime = configuration.sessionLifetime
    return service
}
