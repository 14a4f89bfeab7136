import CoreProtocol
import Metrics

/// What the assistant counts for its `/metrics` (docs/operations.md): WebSocket sessions open, jobs running
/// and finished by kind and final state, bytes moved with pages and platforms. Instances are made with the
/// router, once `serve` has bootstrapped the metrics.
struct AssistantMetrics: Sendable {
    let webSocketSessions = Meter(label: "sceau_assistant_websocket_sessions")
    let webSocketSessionsOpened = Counter(label: "sceau_assistant_websocket_sessions_opened_total")

    /// Counts `bytes` moved with `peer` (`page` or `platform`), `sent` or `received` by the assistant.
    static func transferred(_ bytes: Int, peer: String, direction: String) {
        guard bytes > 0 else { return }
        Counter(label: "sceau_assistant_bytes_total", dimensions: [("peer", peer), ("direction", direction)])
            .increment(by: bytes)
    }
}

/// The jobs of one ``JobRegistry``: running now, and finished by kind and final state.
struct JobMetrics: Sendable {
    let running = Meter(label: "sceau_assistant_jobs_running")

    func finished(kind: String, state: JobState) {
        running.decrement()
        Counter(label: "sceau_assistant_jobs_finished_total", dimensions: [("kind", kind), ("state", state.rawValue)])
            .increment()
    }
}
