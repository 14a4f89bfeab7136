import Logging
import ServiceLifecycle

/// Takes the journal's checkpoints while the platform runs: looks every `pollInterval` whether one is due
/// (``JournalCheckpointer/checkpointIfDue(at:)``), and takes a last one on graceful shutdown.
package struct JournalCheckpointService: Service {
    package let checkpointer: JournalCheckpointer
    package let logger: Logger
    package var pollInterval: Duration = .seconds(10)

    package init(checkpointer: JournalCheckpointer, logger: Logger, pollInterval: Duration = .seconds(10)) {
        self.checkpointer = checkpointer
        self.logger = logger
        self.pollInterval = pollInterval
    }

    package func run() async throws {
        let metrics = BackgroundTaskMetrics(task: "journal-checkpoint")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await checkpointer.checkpointIfDue()
                metrics.succeeded()
            } catch {
                metrics.failed()
                logger.error("The journal checkpoint failed: \(String(describing: error))")
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
        do {
            try await checkpointer.checkpoint()
        } catch {
            logger.error("The last journal checkpoint before stopping failed: \(String(describing: error))")
        }
    }
}
