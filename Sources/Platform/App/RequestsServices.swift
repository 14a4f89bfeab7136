import Logging
import PlatformKernel
import Procurement
import Requests

/// The front office's service as the configuration sets it up.
package func frontOfficeService(database: Database, configuration: PlatformConfiguration) -> FrontOfficeService {
    var service = FrontOfficeService(database: database, hasher: PasswordHasher(cost: configuration.passwordCost))
    if let smtp = configuration.smtp { service.mailer = smtp }
    service.sender = configuration.mailFrom
    service.settings = configuration.requests
    service.sessions = configuration.sessions
    return service
}

/// The agents' notifier as the configuration sets it up; `nil` without an SMTP relay (no mail to send).
package func agentNotifier(database: Database, configuration: PlatformConfiguration, logger: Logger) -> AgentNotifier? {
    guard let smtp = configuration.smtp else { return nil }
    var notifier = AgentNotifier(database: database, mailer: smtp, logger: logger)
    notifier.sender = configuration.mailFrom
    notifier.origin = configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
    notifier.settings = configuration.requests
    return notifier
}
