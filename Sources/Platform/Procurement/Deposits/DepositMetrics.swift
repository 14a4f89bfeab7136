import Metrics

/// The deposits as they arrive (docs/operations.md, « Metrics »): deposits started and completed (receipts
/// issued), completions running, chunks being received and acknowledged, and the bytes acknowledged (on disk
/// for good). Made with the ``DepositController``, once the program has bootstrapped the metrics.
package struct DepositMetrics: Sendable {
    package let started = Counter(label: "sceau_deposits_started_total")
    package let completed = Counter(label: "sceau_deposits_completed_total")
    package let completionsInFlight = Meter(label: "sceau_deposit_completions_in_flight")
    package let chunksInFlight = Meter(label: "sceau_deposit_chunks_in_flight")
    package let chunksAcknowledged = Counter(label: "sceau_deposit_chunks_acknowledged_total")
    package let bytesAcknowledged = Counter(label: "sceau_deposit_bytes_acknowledged_total")

    package init() {}

    /// A chunk of `bytes` bytes is on disk for good.
    package func acknowledged(bytes: Int) {
        chunksAcknowledged.increment()
        bytesAcknowledged.increment(by: bytes)
    }
}
