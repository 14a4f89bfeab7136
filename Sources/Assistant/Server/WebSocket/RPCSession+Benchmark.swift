import CoreProtocol

/// The method of bench/notifications.sh, outside the protocol: a daemon started without
/// `serve --bench` answers it as an unknown method (-32601), and `hello` never announces it.
enum BenchmarkMethod {
    /// Params `count`; see ``RPCSession/benchmarkProgress(_:)``.
    static let progress = "bench.progress"
    /// The largest `count` accepted.
    static let maximumCount = 10_000_000
}

extension RPCSession {
    /// `bench.progress`: a job of kind `bench` of the page's origin that reports progress `1…count` as
    /// fast as it can, each report published as an `event.job` notification (no 200 ms throttle)
    /// through the path of real jobs: ``JobRegistry``, ``EventHub``, the session's writer. The
    /// result, `jobId` and `count`, comes after the job's last notification was handed to the hub.
    func benchmarkProgress(_ params: JSONValue?) async -> Result<JSONValue, JSONRPC.ErrorObject> {
        guard case .object(let fields)? = params, case .number(let number)? = fields["count"],
            let count = Int(exactly: number), (1...BenchmarkMethod.maximumCount).contains(count)
        else {
            return .failure(.invalidParams("count must be an integer from 1 to \(BenchmarkMethod.maximumCount)"))
        }
        let job = await jobs.start(
            kind: "bench", title: "Banc d'essai : \(count) notifications", origin: origin, session: secret,
            steps: ["Progression"],
            progressInterval: 0)
        for done in 1...Int64(count) {
            if job.isCancelled {
                await job.fail(JobCancelled())
                return .failure(.init(code: AssistantErrorCode.jobFailed, message: "The job was cancelled."))
            }
            await job.progress(done: done, total: Int64(count))
        }
        await job.succeed()
        return .success(.object(["jobId": .string(job.id), "count": .number(Double(count))]))
    }
}
