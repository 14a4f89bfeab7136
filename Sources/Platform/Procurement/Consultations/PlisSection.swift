import CorePlatformAPI
import PlatformKernel

/// The "Plis" tab of a consultation's page for agents who may open them: each pli (n°, entreprise, date),
/// each envelope's state and, once opened online, its decrypted files; the buttons that hand a job to the
/// assistant (`/static/assistant.js`) and the jobs' progress ("Suivi des traitements"), which the script
/// keeps up to date from `GET /api/consultations/{id}/jobs`.
package struct PlisView: Sendable {
    package let consultationID: String
    package let assistantPort: String
    /// The session's CSRF token, which the script sends with `POST /api/consultations/{id}/jobs`.
    package let csrfToken: String
    package let plis: [Pli]
    package let hasPlis: Bool
    package let count: String
    package let jobs: [Job]
    package let hasJobs: Bool
    /// A blank job, the model the script copies for a job started after the page was loaded.
    package let jobTemplate: Job

    package struct Pli: Sendable {
        package let number: String
        package let depositID: String
        package let company: String
        package let hasDate: Bool
        package let date: String
        package let envelopes: [Envelope]

        package init(
            number: String, depositID: String, company: String, hasDate: Bool, date: String, envelopes: [Envelope]
        ) {
            self.number = number
            self.depositID = depositID
            self.company = company
            self.hasDate = hasDate
            self.date = date
            self.envelopes = envelopes
        }
    }

    package struct Envelope: Sendable {
        package let kind: String
        package let label: String
        package let state: String
        package let stateTone: String
        package let files: [DecryptedFile]
        package let hasFiles: Bool

        package init(
            kind: String, label: String, state: String, stateTone: String, files: [DecryptedFile], hasFiles: Bool
        ) {
            self.kind = kind
            self.label = label
            self.state = state
            self.stateTone = stateTone
            self.files = files
            self.hasFiles = hasFiles
        }
    }

    package struct DecryptedFile: Sendable {
        package let name: String
        package let path: String

        package init(name: String, path: String) {
            self.name = name
            self.path = path
        }
    }

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
        consultationID: Int64, plis: [RemoteJobService.PliLine], jobs: [PlatformAPI.RemoteJobStatus],
        assistantPort: Int, csrfToken: String
    ) {
        self.consultationID = String(consultationID)
        self.assistantPort = String(assistantPort)
        self.csrfToken = csrfToken
        self.plis = plis.map(Pli.init)
        hasPlis = !plis.isEmpty
        count = plis.count == 1 ? "1 pli déposé" : "\(plis.count) plis déposés"
        self.jobs = jobs.map(Job.init)
        hasJobs = !jobs.isEmpty
        jobTemplate = Job(
            id: "", label: "", requestedBy: "", state: "", stateTone: "neutral", stepName: "", percent: "0",
            percentText: "0 %", speed: "", detail: "", hasError: false, error: "")
    }
}

extension PlisView.Pli {
    package init(_ pli: RemoteJobService.PliLine) {
        self.init(
            number: String(pli.number), depositID: String(pli.depositID), company: pli.company,
            hasDate: pli.completedAt != nil, date: pli.completedAt.map(ParisTime.format) ?? "",
            envelopes: pli.envelopes.map { envelope in
                let files =
                    envelope.opening == .openedOnline
                    ? envelope.files.filter { envelope.decrypted.contains($0.id ?? 0) }.map { file in
                        PlisView.DecryptedFile(
                            name: file.name.hasSuffix(".p7m") ? String(file.name.dropLast(4)) : file.name,
                            path: "/api/deposits/\(pli.depositID)/files/\(file.id ?? 0)/plaintext")
                    } : []
                return PlisView.Envelope(
                    kind: envelope.envelope.rawValue, label: envelope.envelope.label, state: envelope.opening.label,
                    stateTone: envelope.opening == .openedOnline ? "success" : "neutral", files: files,
                    hasFiles: !files.isEmpty)
            })
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
