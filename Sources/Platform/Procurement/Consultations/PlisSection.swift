import CorePlatformAPI
import PlatformKernel

/// The "Plis" tab of a consultation's page for agents who may open them: the table of plis of « Ouverture et
/// Analyse » (``OpeningTable``: envelopes to select, states, decrypted files, admissions, ranking); the grouped
/// actions that hand a job naming the selected envelopes to the assistant (`/static/assistant.js`) and the
/// jobs' progress ("Suivi des traitements"), which the script keeps up to date from
/// `GET /api/consultations/{id}/jobs`.
package struct PlisView: Sendable {
    package let consultationID: String
    package let assistantPort: String
    /// The session's CSRF token, which the script sends with `POST /api/consultations/{id}/jobs`.
    package let csrfToken: String
    /// The plis, their envelopes and what may be done with them (« Ouverture et Analyse »).
    package let table: OpeningTable
    package let jobs: [Job]
    package let hasJobs: Bool
    /// A blank job, the model the script copies for a job started after the page was loaded.
    package let jobTemplate: Job

    /// One remote job as "Suivi des traitements" shows it; the script fills the same parts (`data-part`).
    package struct Job: Sendable {
        package let id: String
        package let label: String
        package let requestedBy: String
        package let state: String
        package let stateTone: String
        package let stepName: String
        package let percent: String
        package let percentText: String
        package let speed: String
        package let detail: String
        package let hasError: Bool
        package let error: String

        package init(
            id: String, label: String, requestedBy: String, state: String, stateTone: String, stepName: String,
            percent: String, percentText: String, speed: String, detail: String, hasError: Bool, error: String
        ) {
            self.id = id
            self.label = label
            self.requestedBy = requestedBy
            self.state = state
            self.stateTone = stateTone
            self.stepName = stepName
            self.percent = percent
            self.percentText = percentText
            self.speed = speed
            self.detail = detail
            self.hasError = hasError
            self.error = error
        }
    }

    package init(
        consultationID: Int64, opening: OpeningFile, jobs: [PlatformAPI.RemoteJobStatus], assistantPort: Int,
        csrfToken: String, refusal: OpeningTable.Refusal? = nil
    ) {
        self.consultationID = String(consultationID)
        self.assistantPort = String(assistantPort)
        self.csrfToken = csrfToken
        table = OpeningTable(opening, csrfToken: csrfToken, refusal: refusal)
        self.jobs = jobs.map(Job.init)
        hasJobs = !jobs.isEmpty
        jobTemplate = Job(
            id: "", label: "", requestedBy: "", state: "", stateTone: "neutral", stepName: "", percent: "0",
            percentText: "0 %", speed: "", detail: "", hasError: false, error: "")
    }
}

extension PlisView.Job {
    package init(_ job: PlatformAPI.RemoteJobStatus) {
        let progress = job.progress
        let percent = Int(min(100, max(0, progress.percent)).rounded())
        self.init(
            id: job.id, label: job.kind.label, requestedBy: job.requestedBy, state: progress.state.label,
            stateTone: progress.state.tone, stepName: progress.stepName, percent: String(percent),
            percentText: "\(percent) %",
            speed: progress.bytesPerSecond.flatMap { $0 > 0 ? " · " + Self.speed($0) : nil } ?? "",
            detail: progress.detail.flatMap { $0.isEmpty ? nil : " · " + $0 } ?? "", hasError: progress.error != nil,
            error: progress.error ?? "")
    }

    /// "1,2 Mo/s" or "350 Ko/s", as the script writes it.
    package static func speed(_ bytesPerSecond: Double) -> String {
        guard bytesPerSecond > 1_048_576 else { return "\(Int((bytesPerSecond / 1024).rounded())) Ko/s" }
        let tenths = Int((bytesPerSecond / 104_857.6).rounded())
        return "\(tenths / 10),\(tenths % 10) Mo/s"
    }
}

extension PlatformAPI.RemoteJobProgress.State {
    /// The state's label in "Suivi des traitements" (the script's `STATES`).
    package var label: String {
        switch self {
        case .waiting: "En attente"
        case .running: "En cours"
        case .succeeded: "Terminé"
        case .failed: "Échec"
        case .cancelled: "Annulé"
        }
    }

    /// The colour of its badge (the script's `TONES`).
    package var tone: String {
        switch self {
        case .waiting: "neutral"
        case .running: "progress"
        case .succeeded: "success"
        case .failed: "danger"
        case .cancelled: "warning"
        }
    }
}
