import CoreProtocol
import Foundation
import Synchronization

/// What a job's worker reports through: steps, progress, the end; and whether it was asked to stop.
struct JobHandle: Sendable {
    let id: String
    let registry: JobRegistry
    let cancellation: CancellationFlag

    /// Whether the user or the page asked the job to stop; long loops check it between chunks.
    var isCancelled: Bool { cancellation.isCancelled }

    /// Marks step `index` running (and the earlier ones done).
    func beginStep(_ index: Int) async {
        await registry.update(id, force: true) { job in
            for step in job.steps.indices where step < index { job.steps[step].state = .done }
            if job.steps.indices.contains(index) { job.steps[index].state = .running }
        }
    }

    /// Records progress; published at most every 200 ms.
    func progress(done: Int64, total: Int64?, detail: String? = nil) async {
        await registry.update(id, force: false) { job in
            job.progress.done = done
            job.progress.total = total
            if let detail { job.progress.detail = detail }
        }
    }

    /// The job ended well: every step done.
    func succeed() async {
        await registry.update(id, force: true) { job in
            for step in job.steps.indices { job.steps[step].state = .done }
            job.state = .succeeded
        }
    }

    /// The job ended on `error` (or was cancelled when asked to): the running step failed.
    func fail(_ error: any Error) async {
        let cancelled = isCancelled
        await registry.update(id, force: true) { job in
            for step in job.steps.indices where job.steps[step].state == .running { job.steps[step].state = .failed }
            job.state = cancelled ? .cancelled : .failed
            job.error = cancelled ? "Traitement annulé à la demande." : String(describing: error)
        }
    }
}

/// A flag a job's worker polls to stop early, set from any thread.
final class CancellationFlag: Sendable {
    private let flag = Mutex(false)

    var isCancelled: Bool { flag.withLock { $0 } }

    func cancel() { flag.withLock { $0 = true } }
}

/// Thrown by a job's worker that noticed it was asked to stop.
struct JobCancelled: Error, CustomStringConvertible {
    var description: String { "The job was cancelled." }
}
