import CoreProtocol
import Foundation
import TestSupport
import Testing

@testable import Assistant

/// The `bench.progress` method of bench/notifications.sh: refused unless the daemon runs with
/// `serve --bench`, and then a job whose every progress report reaches the subscribed page, in order.
@Suite(.serialized)
struct BenchmarkProgressTests {
    static let platform = "http://127.0.0.1:8470"
    static let hello = #"{"jsonrpc":"2.0","id":1,"method":"hello"}"#

    /// What a page received: the responses and the `event.job` notifications, in arrival order.
    struct Received: Sendable {
        var responses: [JSONRPC.Response] = []
        var jobs: [JobSummary] = []
    }

    /// Sends `messages`, then reads until `responses` responses arrived and, when `untilJobEnds`, a job
    /// reached a final state.
    private func exchange(port: Int, _ messages: [String], responses: Int, untilJobEnds: Bool) async throws
        -> Received
    {
        try await onBlockingThread {
            let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
            for message in messages { try client.sendText(message) }
            var received = Received()
            while received.responses.count < responses || (untilJobEnds && received.jobs.last?.state.isFinal != true) {
                guard let text = try client.receiveText() else { break }
                let data = Data(text.utf8)
                if let notification = try? JSONDecoder().decode(JSONRPC.Notification.self, from: data) {
                    guard notification.method == AssistantEvent.job, let params = notification.params else { continue }
                    received.jobs.append(try params.decode(JobSummary.self))
                } else {
                    received.responses.append(try JSONDecoder().decode(JSONRPC.Response.self, from: data))
                }
            }
            return received
        }
    }

    @Test func withoutServeBenchTheMethodIsUnknownAndNotAnnounced() async throws {
        try await withDaemon(paired: [Self.platform]) { port in
            let received = try await exchange(
                port: port,
                [
                    Self.hello, #"{"jsonrpc":"2.0","id":2,"method":"events.subscribe"}"#,
                    #"{"jsonrpc":"2.0","id":3,"method":"bench.progress","params":{"count":3}}"#,
                ], responses: 3, untilJobEnds: false)
            let hello = try #require(received.responses.first?.result).decode(HelloResult.self)
            #expect(!hello.capabilities.contains(BenchmarkMethod.progress))
            #expect(received.responses.last?.error?.code == -32601)
            #expect(received.jobs.isEmpty)
        }
    }

    @Test func withServeBenchEveryProgressReportReachesThePageInOrder() async throws {
        var configuration = try AssistantConfiguration.forTests(paired: [Self.platform])
        configuration.benchmark = true
        let count = 200
        try await withDaemon(configuration) { port in
            let received = try await exchange(
                port: port,
                [
                    #"{"jsonrpc":"2.0","id":1,"method":"bench.progress","params":{"count":3}}"#,
                    Self.hello, #"{"jsonrpc":"2.0","id":2,"method":"bench.progress","params":{"count":0}}"#,
                    #"{"jsonrpc":"2.0","id":3,"method":"events.subscribe"}"#,
                    #"{"jsonrpc":"2.0","id":4,"method":"bench.progress","params":{"count":\#(count)}}"#,
                ], responses: 5, untilJobEnds: true)
            #expect(
                received.responses.map { $0.error?.code } == [
                    AssistantErrorCode.helloRequired, nil, -32602, nil, nil,
                ])
            let hello = try #require(received.responses[1].result).decode(HelloResult.self)
            #expect(!hello.capabilities.contains(BenchmarkMethod.progress))
            let result = try #require(received.responses.last?.result)
            guard case .object(let fields) = result, case .string(let jobID)? = fields["jobId"] else {
                Issue.record("no jobId in \(result)")
                return
            }
            #expect(received.jobs.allSatisfy { $0.id == jobID && $0.kind == "bench" && $0.origin == Self.platform })
            #expect(received.jobs.map(\.progress.done) == (0...Int64(count)).map { $0 } + [Int64(count)])
            #expect(received.jobs.dropLast().allSatisfy { $0.state == .running })
            #expect(received.jobs.last?.state == .succeeded)
        }
    }
}
