/// The platform's one retry rule: waits `initial` seconds after the first failure, then twice as long each
/// time, `maximum` at most. The start-up wait for the database uses it.
package struct Backoff: Sendable, Equatable {
    package var initial: Double = 0.5
    package var maximum: Double = 8

    package init(initial: Double = 0.5, maximum: Double = 8) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait after failed attempt `attempt` (counted from 1), in seconds.
    package func delay(afterAttempt attempt: Int) -> Double {
        min(initial * Double(1 << min(max(attempt - 1, 0), 20)), maximum)
    }
}
