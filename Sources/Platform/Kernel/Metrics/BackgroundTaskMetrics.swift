import Foundation
import Metrics

/// The runs of one periodic task (uploads' sweep, journal checkpoints, alerts…) on this node: how many, how many
/// failed, and when the last one succeeded, labelled `task`. Recorded by ``PeriodicService`` after each run.
package struct BackgroundTaskMetrics: Sendable {
    private let runs: Counter
    private let failures: Counter
    private let lastSuccess: Gauge

    package init(task: String) {
        let dimensions = [("task", task)]
        runs = Counter(label: "sceau_background_task_runs_total", dimensions: dimensions)
        failures = Counter(label: "sceau_background_task_failures_total", dimensions: dimensions)
        lastSuccess = Gauge(label: "sceau_background_task_last_success_seconds", dimensions: dimensions)
    }

    package func succeeded() {
        runs.increment()
        lastSuccess.record(Date().timeIntervalSince1970)
    }

    package func failed() {
        runs.increment()
        failures.increment()
    }
}
