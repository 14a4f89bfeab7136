import Foundation
import Metrics

/// The runs of one periodic service (uploads' sweep, journal checkpoints, alerts…): how many, how many
/// failed, and when the last one succeeded, labelled `task`. Made in the service's `run()`, after the
/// program bootstrapped the metrics.
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
