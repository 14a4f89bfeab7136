/// A node's right to run a periodic task until ``expiresAt`` (seconds since 1970), and when the task last ran
/// anywhere in the cluster.
package struct BackgroundLease: Sendable, Equatable, Decodable {
    package let task: String
    package let holder: String
    package let expiresAt: Int64
    package let lastRunAt: Int64

    package init(task: String, holder: String, expiresAt: Int64, lastRunAt: Int64) {
        self.task = task
        self.holder = holder
        self.expiresAt = expiresAt
        self.lastRunAt = lastRunAt
    }

    /// Whether the task is due at `now` when it runs every `interval` seconds.
    package func isDue(every interval: Int64, at now: Int64) -> Bool {
        now - lastRunAt >= interval
    }
}
