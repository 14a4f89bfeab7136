import CoreProtocol
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

@testable import Assistant

/// The page-facing WebSocket over real loopback connections: who may connect, and JSON-RPC behaviour.
@Suite(.serialized)
struct WebSocketSessionTests {
    static let platform = "http://127.0.0.1:8470"
    let logger = Logger(label: "test")

    private func withDaemon(_ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await AssistantTests.withDaemon(paired: [Self.platform], body)
    }

    /// Sends each message and collects `replies` replies (fewer when the server closes first).
    private func exchange(port: Int, origin: String, _ messages: [String], replies: Int) async throws
        -> [JSONRPC.Response]
    {
        try await onBlockingThread {
            let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: origin)
            for message in messages { try client.sendText(message) }
            var responses: [JSONRPC.Response] = []
            for _ in 0..<replies {
                guard let text = try? client.receiveText() else { break }
                responses.append(try JSONDecoder().decode(JSONRPC.Response.self, from: Data(text.utf8)))
            }
            return responses
        }
    }

    @Test func helloAnnouncesVersionsAndASessionSecret() async throws {
        try await withDaemon { port in
            let replies = try await exchange(
                port: port, origin: Self.platform,
                [#"{"jsonrpc":"2.0","id":1,"method":"hello","params":{"client":"test","browser":"Chromium 120"}}"#],
                replies: 1)
            let result = try #require(replies.first?.result)
            let hello = try JSONDecoder().decode(HelloResult.self, from: JSONEncoder().encode(result))
            #expect(hello.protocolVersion == AssistantProtocol.version)
            #expect(hello.capabilities.contains("certificates.list"))
            #expect(Data(base64Encoded: hello.sessionSecret)?.count == 32)
        }
    }

    @Test func helloTellsThePageWhenThePlatformPublishesANewerVersion() async throws {
        try await withDaemon { port in
            let replies = try await exchange(
                port: port, origin: Self.platform,
                [
                    #"{"jsonrpc":"2.0","id":1,"method":"hello","params":{"latestVersion":"999.0.0"}}"#,
                    #"{"jsonrpc":"2.0","id":2,"method":"hello","params":{"latestVersion":"0.0.1"}}"#,
                ], replies: 2)
            let decoded = try replies.map {
                try JSONDecoder().decode(HelloResult.self, from: JSONEncoder().encode(try #require($0.result)))
            }
            #expect(decoded.map(\.updateAvailable) == [true, false])
        }
    }

    @Test func versionsCompareNumerically() {
        #expect(VersionOrder.isOlder("0.9.9", than: "0.10.0"))
        #expect(!VersionOrder.isOlder("1.0.0", than: "1.0"))
        #expect(VersionOrder.isOlder("1.0.0-beta", than: "1.0.0"))
        #expect(!VersionOrder.isOlder("1.2.0", than: "1.1.9"))
    }

    @Test func malformedAndPrematureCallsGetErrorsAndTheSessionGoesOn() async throws {
        try await withDaemon { port in
            let replies = try await exchange(
                port: port, origin: Self.platform,
                [
                    #"{"jsonrpc":"2.0","id":1,"method":"certificates.list"}"#,
                    "{this is not json",
                    #"{"jsonrpc":"2.0","id":2}"#,
                    #"{"jsonrpc":"2.0","id":3,"method":"hello"}"#,
                    #"{"jsonrpc":"2.0","id":4,"method":"no.such.method"}"#,
                    #"{"jsonrpc":"1.0","id":5,"method":"hello"}"#,
                ], replies: 6)
            #expect(
                replies.map { $0.error?.code } == [
                    AssistantErrorCode.helloRequired, -32700, -32600, nil, -32601, -32600,
                ])
            #expect(replies[0].id == .number(1))
            #expect(replies[3].result != nil)
        }
    }

    @Test func jobsListAndCancelSeeOnlyThePagesOwnJobs() async throws {
        try await withDaemon { port in
            let replies = try await exchange(
                port: port, origin: Self.platform,
                [
                    #"{"jsonrpc":"2.0","id":1,"method":"hello"}"#,
                    #"{"jsonrpc":"2.0","id":2,"method":"jobs.list"}"#,
                    #"{"jsonrpc":"2.0","id":3,"method":"jobs.cancel","params":{"id":"no-such-job"}}"#,
                    #"{"jsonrpc":"2.0","id":4,"method":"jobs.cancel"}"#,
                ], replies: 4)
            #expect(replies[1].result == .array([]))
            #expect(replies[2].error?.code == AssistantErrorCode.unknownJob)
            #expect(replies[3].error?.code == -32602)
        }
    }

    /// A job started by one page (here a `verify` waiting for its file) cannot be cancelled by another page
    /// of the same origin, unless it gives the first page's `sessionSecret`.
    @Test func anotherPageCancelsAJobOnlyWithTheSecretOfTheSessionThatStartedIt() async throws {
        try await withDaemon { port in
            try await onBlockingThread {
                func call(_ client: RawWebSocketClient, _ text: String) throws -> JSONRPC.Response {
                    try client.sendText(text)
                    let reply = try #require(try client.receiveText())
                    return try JSONDecoder().decode(JSONRPC.Response.self, from: Data(reply.utf8))
                }
                let first = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
                let hello = try call(first, #"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                let result = try #require(hello.result)
                let secret = try JSONDecoder().decode(HelloResult.self, from: JSONEncoder().encode(result))
                    .sessionSecret
                try first.sendText(
                    #"{"jsonrpc":"2.0","id":2,"method":"verify","params":{"fileName":"a.p7s","size":10}}"#)

                let second = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
                _ = try call(second, #"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                var jobID: String?
                for attempt in 0..<50 where jobID == nil {
                    let list = try call(second, #"{"jsonrpc":"2.0","id":\#(10 + attempt),"method":"jobs.list"}"#)
                    let decoder = JSONDecoder()
                    decoder.dateDecodingStrategy = .iso8601
                    let jobs = try decoder.decode(
                        [JobSummary].self, from: JSONEncoder().encode(try #require(list.result)))
                    jobID = jobs.first { $0.kind == "verify" && $0.state == .running }?.id
                    if jobID == nil { usleep(100_000) }
                }
                let id = try #require(jobID)
                let withoutSecret = try call(
                    second, #"{"jsonrpc":"2.0","id":2,"method":"jobs.cancel","params":{"id":"\#(id)"}}"#)
                #expect(withoutSecret.error?.code == AssistantErrorCode.unknownJob)
                let wrongSecret = try call(
                    second,
                    #"{"jsonrpc":"2.0","id":3,"method":"jobs.cancel","params":{"id":"\#(id)","sessionSecret":"AAAA"}}"#)
                #expect(wrongSecret.error?.code == AssistantErrorCode.unknownJob)
                let withSecret = try call(
                    second,
                    #"{"jsonrpc":"2.0","id":4,"method":"jobs.cancel","params":{"id":"\#(id)","sessionSecret":"\#(secret)"}}"#
                )
                #expect(withSecret.result == .object(["cancelling": .bool(true)]))
            }
        }
    }

    @Test(arguments: ["https://evil.example", "http://127.0.0.1:9999", "null"])
    func anUnpairedOriginCannotConnect(origin: String) async throws {
        try await withDaemon { port in
            await #expect(throws: (any Error).self) {
                _ = try await exchange(
                    port: port, origin: origin, [#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#], replies: 1)
            }
        }
    }

    @Test func aRebindingHostCannotUpgrade() async throws {
        try await withDaemon { port in
            let status = try await run(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                    "-H", "Host: evil.example:\(port)", "-H", "Origin: \(Self.platform)", "-H", "Connection: Upgrade",
                    "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                    "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                    "http://127.0.0.1:\(port)\(AssistantProtocol.path)",
                ])
            // Refused before any upgrade: the Host check answers for the daemon.
            #expect(status == "400" || status == "421")
        }
    }

    @Test func anOversizedMessageClosesOnlyThatSession() async throws {
        try await withDaemon { port in
            let huge =
                #"{"jsonrpc":"2.0","id":1,"method":"hello","params":{"client":""#
                + String(repeating: "x", count: 2 << 20)
                + #""}}"#
            let first = try? await exchange(port: port, origin: Self.platform, [huge], replies: 1)
            #expect(first?.isEmpty ?? true)
            let next = try await exchange(
                port: port, origin: Self.platform, [#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#], replies: 1)
            #expect(next.first?.result != nil)
        }
    }
}
