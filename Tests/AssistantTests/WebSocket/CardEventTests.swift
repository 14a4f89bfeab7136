import CoreProtocol
import Foundation
import TestSupport
import Testing

@testable import Assistant

/// Card insertion and removal pushed to a subscribed page, with the vsmartcard reader and pcscd.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pcsc), "needs pcscd and the virtual card"))
struct CardEventTests {
    @Test func aSubscribedPageHearsTheCardLeaveAndComeBack() async throws {
        let (reader, runDirectory) = try TestEnvironment.pcsc.fixture("pcscd + virtual card")
        let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/fixtures/pcsc.sh").path
        let platform = "http://127.0.0.1:8470"
        try await CardFixtureLock.shared.withLock {
            try await withDaemon(paired: [platform]) { port in
                try await onBlockingThread {
                    let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: platform)
                    try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                    try client.sendText(#"{"jsonrpc":"2.0","id":2,"method":"events.subscribe"}"#)
                    _ = try client.receiveText()
                    _ = try client.receiveText()
                    // The watcher needs a moment to read the readers' first state.
                    Thread.sleep(forTimeInterval: 1.5)
                    try run(script, ["card-remove", runDirectory])
                    #expect(try Self.nextCardEvent(client) == CardEvent(reader: reader, present: false))
                    try run(script, ["card-insert", runDirectory])
                    #expect(try Self.nextCardEvent(client) == CardEvent(reader: reader, present: true))
                }
            }
        }
    }

    /// The next `event.card` notification (other messages are skipped).
    private static func nextCardEvent(_ client: RawWebSocketClient) throws -> CardEvent? {
        while let text = try client.receiveText() {
            let notification = try JSONDecoder().decode(JSONRPC.Notification.self, from: Data(text.utf8))
            guard notification.method == AssistantEvent.card, let params = notification.params else { continue }
            return try JSONDecoder().decode(CardEvent.self, from: JSONEncoder().encode(params))
        }
        return nil
    }
}
