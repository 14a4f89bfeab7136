import Logging
import ServiceLifecycle

/// Runs a ``PeriodicTask`` once per interval across the cluster: looks every third of a lease period (or every
/// interval, when shorter) whether this node holds or can take the task's lease, and runs the task when it is
/// due (its last run anywhere is an interval old), renewing the lease while it runs. On graceful shutdown the
/// holder runs the task's ``PeriodicTask/onShutdown`` and gives the lease up.
package struct PeriodicService: Service {
    package let task: PeriodicTask
    package let leases: BackgroundLeases
    package let logger: Logger

    package init(task: PeriodicTask, leases: BackgroundLeases, logger: Logger) {
        self.task = task
        self.leases = leases
        self.logger = logger
    }

    /// How often this node looks at the lease.
    package var pollInterval: Duration {
        min(task.interval, .seconds(max(1, leases.period / 3)))
    }

    package func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await runIfDue()
            } catch {
                logger.error("The background task \(task.name) failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
        await stop()
    }

    /// Takes or renews the lease and runs the task if it is due; whether it ran.
    package func runIfDue(now: Int64 = Timestamp.now()) async throws -> Bool {
        guard let lease = try await leases.acquire(task.name, now: now),
            lease.isDue(every: task.intervalSeconds, at: now)
        else { return false }
        // Recorded as run even when it fails: a failing task is tried again an interval later, not at every look.
        let outcome = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                await renewWhileRunning()
                return nil
            }
            group.addTask {
                do {
                    try await task.work()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            var outcome: Result<Void, any Error> = .success(())
            for await result in group {
                guard let result else { continue }
                outcome = result
                group.cancelAll()
            }
            return outcome
        }
        try await leases.markRun(task.name, at: now)
        let metrics = BackgroundTaskMetrics(task: task.name)
        switch outcome {
        case .success: metrics.succeeded()
        case .failure: metrics.failed()
        }
        try outcome.get()
        return true
    }

    /// Renews the lease every third of a period until cancelled, so that a long run keeps it.
    private func renewWhileRunning() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(max(1, leases.period / 3)))
            } catch {
                return
            }
            do {
                if try await leases.acquire(task.name) == nil {
                    logger.warning(
                        "The background task \(task.name) lost its lease while running: another node took it.")
                }
            } catch {
                logger.error("The lease of \(task.name) could not be renewed: \(String(describing: error))")
            }
        }
    }

    private func stop() async {
        do {
            guard let onShutdown = task.onShutdown, try await leases.acquire(task.name) != nil else {
                try await leases.release(task.name)
                return
            }
            do {
                try await onShutdown()
            } catch {
                logger.error("The background task \(task.name) failed on shutdown: \(String(describing: error))")
            }
            try await leases.release(task.name)
        } catch {
            logger.error("The lease of \(task.name) could not be given up: \(String(describing: error))")
        }
    }
}
