import CorePlatformAPI
import Foundation

/// A running remote job's progress, told to the page and the local page (``JobHandle``, as `event.job`),
/// to the platform (`POST /api/jobs/{id}/progress`: about once a second, at each step and at the end),
/// and to the command line (one line per report).
actor RemoteJobReporter {
    private let handle: JobHandle
    private let client: JobPlatformClient
    private let kind: PlatformAPI.RemoteJobKind
    private let lines: (@Sendable (String) -> Void)?
    private var step = 0
    private var done: Int64 = 0
    private var total: Int64 = 0
    private var detail: String?
    private var stepStart = ContinuousClock.now
    private var doneAtStepStart: Int64 = 0
    private var lastReport: ContinuousClock.Instant?
    /// The least time between two reports to the platform.
    static let interval: Duration = .seconds(1)

    init(
        handle: JobHandle, client: JobPlatformClient, kind: PlatformAPI.RemoteJobKind,
        lines: (@Sendable (String) -> Void)?
    ) {
        self.handle = handle
        self.client = client
        self.kind = kind
        self.lines = lines
    }

    /// Starts step `index` (from 0) over `total` bytes, `done` of them already there.
    func begin(step index: Int, done: Int64, total: Int64) async {
        step = index
        self.done = done
        self.total = total
        doneAtStepStart = done
        stepStart = .now
        await handle.beginStep(index)
        await handle.progress(done: done, total: total, detail: detail)
        await report(force: true)
    }

    func describe(_ detail: String) async {
        self.detail = detail
        await handle.progress(done: done, total: total, detail: detail)
    }

    /// `bytes` more of the current step are done.
    func add(_ bytes: Int64) async {
        done += bytes
        await handle.progress(done: done, total: total, detail: detail)
        await report(force: false)
    }

    func succeed() async {
        await handle.succeed()
        await send(state: .succeeded, percent: 100, error: nil)
    }

    /// The job ended on `error`: cancelled when it was asked to stop.
    func fail(_ error: any Error) async {
        await handle.fail(error)
        let cancelled = handle.isCancelled || error is JobCancelled
        await send(
            state: cancelled ? .cancelled : .failed, percent: percent,
            error: cancelled ? "Traitement annulé à la demande." : String(describing: error))
    }

    /// Global percent: the steps that move bytes share the 100.
    private var percent: Double {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
        switch kind {
        case .download: return step == 0 ? 95 * fraction : step == 1 ? 95 + 5 * fraction : 100
        case .openOnline:
            // Fetching the headers and the PIN take little; the platform's decryption takes the time.
            switch step {
            case 0: return 5 * fraction
            case 1: return 5
            case 2: return 5 + 95 * fraction
            default: return 100
            }
        }
    }

    private func report(force: Bool) async {
        let now = ContinuousClock.now
        if !force, let lastReport, now - lastReport < Self.interval { return }
        lastReport = now
        await send(state: .running, percent: percent, error: nil)
    }

    private func send(state: PlatformAPI.RemoteJobProgress.State, percent: Double, error: String?) async {
        let elapsed = ContinuousClock.now - stepStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let speed = seconds > 0 ? Double(done - doneAtStepStart) / seconds : nil
        let steps = kind.steps
        let index = min(step, steps.count - 1)
        let progress = PlatformAPI.RemoteJobProgress(
            state: state, step: index + 1, stepName: steps[index], percent: (percent * 10).rounded() / 10,
            bytesPerSecond: speed, detail: detail, error: error)
        if let lines {
            var line = "[\(state.rawValue)] étape \(index + 1)/\(steps.count) \(steps[index]) — \(Int(percent)) %"
            if let detail { line += " — \(detail)" }
            if let error { line += "\n\(error)" }
            lines(line)
        }
        await client.report(progress)
    }
}
