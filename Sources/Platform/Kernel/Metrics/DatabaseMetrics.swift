import Metrics

/// The database pool's use as the platform sees it: sessions (and transactions) holding or waiting for a
/// connection now, and how many ran. One per ``Database``.
package struct DatabaseMetrics: Sendable {
    private let inUse = Meter(label: "sceau_database_sessions_in_use")
    private let sessions = Counter(label: "sceau_database_sessions_total")

    package init() {}

    /// Runs `body` counted as one session in use.
    package func measure<R>(_ body: () async throws -> R) async rethrows -> R {
        inUse.increment()
        sessions.increment()
        defer { inUse.decrement() }
        return try await body()
    }
}
