import Logging
import PlatformKernel

extension PeriodicTask {
    /// Expires the payments the provider never answered (``PaymentService/expireStale()``) every five minutes,
    /// on one node of the cluster.
    package static func paymentExpiry(_ payments: PaymentService, logger: Logger, interval: Duration = .seconds(300))
        -> PeriodicTask
    {
        PeriodicTask(name: "payment-expiry", interval: interval) {
            let expired = try await payments.expireStale()
            if expired > 0 { logger.info("Payments: \(expired) expired without an answer from the provider.") }
        }
    }
}
