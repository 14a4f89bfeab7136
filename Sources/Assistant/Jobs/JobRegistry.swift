import CoreProtocol
import Foundation

/// The assistant's jobs (signatures, verifications, and later the platform's remote jobs): what the
/// local page lists, what `jobs.list` returns to the origin that started them, and where their progress
/// is published as `event.job` notifications (at most every 200 ms per job, and at every change of
/// state or step).
actor JobRegistry {
    private var jobs: [String: JobSummary] = [:]
    private var order: [String] = []
    private var flags: [String: CancellationFlag] = [:]
    /// The secret of the WebSocket session that started each job (its `hello`'s `sessionSecret`): only that
    /// secret cancels the job from a page. Jobs started otherwise (`job run`, resumed after a restart)
    /// have none and are cancelled by their origin.
    private var owners: [String: String] = [:]
    private var lastPublished: [String: Date] = [:]
    /// Jobs whose progress is published more often than every ``progressInterval`` (benchmarks only).
    private var intervals: [String: TimeInterval] = [:]
    private let events: EventHub
    private let metrics = JobMetrics()
    /// Finished jobs kept for the lists; older ones are forgotten.
    private let keptFinished = 100
    /// The least time between two progress notifications of a job (changes of state or step are
    /// always published).
    static let progressInterval: TimeInterval = 0.2

    init(events: EventHub) {
        self.events = events
    }

    /// Registers a running job and returns the handle its worker reports through. `id` is given for
    /// remote jobs (the descriptor's; a job of that id registered before is replaced), otherwise a new
    /// UUID. `session` is the secret of the WebSocket session that starts it, if one does.
    /// `progressInterval` other than the default is for `bench.progress` only.
    func start(
        id given: String? = nil, kind: String, title: String, origin: String, session: String? = nil,
        steps: [String], progressInterval: TimeInterval = JobRegistry.progressInterval
    ) -> JobHandle {
        let id = given ?? UUID().uuidString.lowercased()
        if let replaced = jobs[id] {
            order.removeAll { $0 == id }
            if !replaced.state.isFinal { metrics.finished(kind: replaced.kind, state: .cancelled) }
        }
        metrics.running.increment()
        let job = JobSummary(
            id: id, kind: kind, title: title, origin: origin, startedAt: Date(),
            steps: steps.map { JobStep(name: $0) })
        jobs[id] = job
        order.append(id)
        let flag = CancellationFlag()
        flags[id] = flag
        owners[id] = session
        if progressInterval != Self.progressInterval { intervals[id] = progressInterval }
        forgetOldJobs()
        publish(job, force: true)
        return JobHandle(id: id, registry: self, cancellation: flag)
    }

    /// The jobs of `origin`, or every job when `origin` is nil (the local page), newest first.
    func list(origin: String?) -> [JobSummary] {
        order.reversed().compactMap { jobs[$0] }.filter { origin == nil || $0.origin == origin }
    }

    /// Asks a running job of `origin` (any origin when nil: the local page) to stop; false when there is
    /// none. A page must also give the secret of the session that started the job, when one did: another
    /// page of the same origin cannot stop it.
    func cancel(id: String, origin: String?, session: String? = nil) -> Bool {
        guard let job = jobs[id], origin == nil || job.origin == origin else { return false }
        if origin != nil, let owner = owners[id], !FormToken.matches(session, owner) { return false }
        guard !job.state.isFinal else { return true }
        flags[id]?.cancel()
        return true
    }

    func update(_ id: String, force: Bool, _ change: (inout JobSummary) -> Void) {
        guard var job = jobs[id], !job.state.isFinal else { return }
        change(&job)
        if let total = job.progress.total, total > 0 {
            job.progress.percent = min(100, Double(job.progress.done) * 100 / Double(total))
        }
        let elapsed = Date().timeIntervalSince(job.startedAt)
        if elapsed > 0 { job.progress.bytesPerSecond = Double(job.progress.done) / elapsed }
        if job.state.isFinal {
            metrics.finished(kind: job.kind, state: job.state)
            job.endedAt = Date()
            flags[id] = nil
            intervals[id] = nil
        }
        jobs[id] = job
        publish(job, force: force || job.state.isFinal)
    }

    private func publish(_ job: JobSummary, force: Bool) {
        let now = Date()
        let interval = intervals[job.id] ?? Self.progressInterval
        if !force, let last = lastPublished[job.id], now.timeIntervalSince(last) < interval { return }
        lastPublished[job.id] = now
        guard let params = try? JSONValue(encoding: job) else { return }
        let notification = JSONRPC.Notification(method: AssistantEvent.job, params: params)
        Task { await events.publish(notification, origin: job.origin) }
    }

    private func forgetOldJobs() {
        let finished = order.filter { jobs[$0]?.state.isFinal == true }
        for id in finished.dropLast(keptFinished) {
            jobs[id] = nil
            owners[id] = nil
            lastPublished[id] = nil
            order.removeAll { $0 == id }
        }
    }
}
