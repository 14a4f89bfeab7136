import Logging

extension PeriodicTask {
    /// Takes the journal's checkpoints, on one node of the cluster: looks every `pollInterval` whether one is
    /// due (``JournalCheckpointer/checkpointIfDue(at:)``), and takes a last one on graceful shutdown.
    package static func journalCheckpoints(
        _ checkpointer: JournalCheckpointer, logger: Logger, pollInterval: Duration = .seconds(10)
    ) -> PeriodicTask {
        PeriodicTask(
            name: "journal-checkpoints", interval: pollInterval,
            onShutdown: { try await checkpointer.checkpoint() },
            work: { try await checkpointer.checkpointIfDue() })
    }
}
