/// How sign-ins are throttled (issue 15, finding 4): after a few failures in a row, an account or a source
/// address is refused for a delay that doubles with each further failure, up to a cap. A refusal is immediate
/// (HTTP 429), never a sleep, so an attacker ties up nothing. Plain values, no I/O: ``SignInThrottle`` applies it.
package struct SignInThrottlePolicy: Sendable, Equatable {
    /// Failures of one account (login or e-mail, known or not) before it is locked (`serve --sign-in-attempts`).
    package var accountAttempts = 5
    /// Failures from one source address, whatever the account, before it is locked
    /// (`serve --sign-in-address-attempts`): higher, since an office behind one address has many users.
    package var addressAttempts = 20
    /// The first delay, in seconds; each further failure doubles it.
    package var firstDelay: Int64 = 1
    /// The longest delay, in seconds (`serve --sign-in-lockout-max`).
    package var maxDelay: Int64 = 900
    /// A counter without a failure for this long (seconds) starts again from zero.
    package var forgetAfter: Int64 = 3600

    package init(
        accountAttempts: Int = 5, addressAttempts: Int = 20, firstDelay: Int64 = 1, maxDelay: Int64 = 900,
        forgetAfter: Int64 = 3600
    ) {
        self.accountAttempts = accountAttempts
        self.addressAttempts = addressAttempts
        self.firstDelay = firstDelay
        self.maxDelay = maxDelay
        self.forgetAfter = forgetAfter
    }

    /// The lock, in seconds, after the `failures`-th failure in a row, or `nil` while below `threshold`.
    package func delay(afterFailures failures: Int64, threshold: Int) -> Int64? {
        guard threshold > 0, failures >= Int64(threshold) else { return nil }
        let doublings = min(failures - Int64(threshold), 40)
        let delay = firstDelay.multipliedReportingOverflow(by: Int64(1) << doublings)
        return min(delay.overflow ? maxDelay : delay.partialValue, maxDelay)
    }

    /// The French refusal, rounded up to the minute: « Trop de tentatives de connexion. Réessayez dans 2 minutes. »
    package static func message(retryAfter seconds: Int64) -> String {
        let minutes = max(1, (seconds + 59) / 60)
        return "Trop de tentatives de connexion. Réessayez dans \(minutes) minute\(minutes > 1 ? "s" : "")."
    }
}
