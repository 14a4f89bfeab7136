import CorePlatformAPI
import Metrics

/// The remote jobs as the platform serves them (docs/remote-jobs.md): jobs claimed by an assistant, sealed
/// bytes served, and the progress reports received by state (`en-attente`, `en-cours`, `termine`, `echec`,
/// `annule`).
package struct RemoteJobMetrics: Sendable {
    package let claimed = Counter(label: "sceau_remote_jobs_claimed_total")
    package let bytesServed = Counter(label: "sceau_remote_job_bytes_served_total")

    package init() {}

    /// Counts a progress report of `state`.
    package func reported(_ state: PlatformAPI.RemoteJobProgress.State) {
        Counter(label: "sceau_remote_job_reports_total", dimensions: [("state", state.rawValue)]).increment()
    }
}
