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

/// The online payment's service as the configuration sets it up: its provider (none, PayFiP, the test page)
/// and the platform's address for the provider's callback.
package func paymentService(database: Database, configuration: PlatformConfiguration, logger: Logger) -> PaymentService
{
    let origin = configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
    let provider: (any PaymentProvider)? =
        switch configuration.payments.kind {
        case .none: nil
        case .payfip: PayFiPProvider(settings: configuration.payments.payfip)
        case .test: TestPaymentProvider(origin: origin)
        }
    if configuration.payments.kind == .test {
        logger.warning("Online payment goes to the platform's TEST page: no money is collected (never in production).")
    }
    var service = PaymentService(database: database, provider: provider, origin: origin)
    service.notificationSources = configuration.payments.notificationSources.compactMap(NetworkRange.init)
    service.logger = logger
    return service
}
