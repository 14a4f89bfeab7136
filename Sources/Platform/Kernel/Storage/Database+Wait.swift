import Logging

extension Database {
    /// Waits until the database answers a trivial query, trying again with ``Backoff`` and logging each
    /// failure with the next wait, for `limit` at most (`serve --database-wait`); then throws
    /// ``StorageError/databaseUnreachable(seconds:attempts:reason:)``.
    package func waitUntilReachable(
        for limit: Duration, backoff: Backoff = Backoff(), logger: Logger, clock: ContinuousClock = .init()
    ) async throws {
        let deadline = clock.now.advanced(by: limit)
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await session { sql in try await sql.raw("SELECT 1").run() }
                if attempt > 1 { logger.notice("The database answers (attempt \(attempt)).") }
                return
            } catch {
                let reason = String(describing: error)
                let wait = Duration.seconds(backoff.delay(afterAttempt: attempt))
                guard clock.now.advanced(by: wait) < deadline else {
                    throw StorageError.databaseUnreachable(
                        seconds: Int(limit.components.seconds), attempts: attempt, reason: reason)
                }
                logger.warning(
                    "The database does not answer (attempt \(attempt)): \(reason). Next try in \(wait), for \(limit) at most (--database-wait)."
                )
                try await Task.sleep(for: wait)
            }
        }
    }
}
