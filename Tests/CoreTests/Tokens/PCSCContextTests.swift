import CoreTokens
import TestSupport
import Testing

/// PC/SC through pcsclite against pcscd with the vsmartcard virtual reader and card.
extension TokenFixtureTests {
    @Suite(
        .enabled(if: TestEnvironment.shouldRun(TestEnvironment.pcsc), "needs pcscd and the virtual card"),
        .serialized)
    struct PCSCContextTests {
        let reader: String
        let runDirectory: String

        init() throws {
            (reader, runDirectory) = try TestEnvironment.pcsc.fixture("pcscd + virtual card")
        }

        @Test func listsTheVirtualReaderWithItsCard() async throws {
            try await CardFixtureLock.shared.withLock { try readerHoldsTheCard() }
        }

        private func readerHoldsTheCard() throws {
            let context = try PCSCContext()
            #expect(try context.readers().contains(reader))
            let state = try #require(try context.states(of: [reader]).first)
            #expect(state.cardPresent)
            #expect(!state.atr.isEmpty)
        }

        @Test func seesTheCardLeaveAndComeBack() async throws {
            try await CardFixtureLock.shared.withLock { try cardLeavesAndComesBack() }
        }

        private func cardLeavesAndComesBack() throws {
            let context = try PCSCContext()
            let script = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/fixtures/pcsc.sh").path
            var states = try context.states(of: [reader])
            try run(script, ["card-remove", runDirectory])
            states = try waitUntil(context, from: states) { !$0.cardPresent }
            #expect(states.first?.cardPresent == false)
            try run(script, ["card-insert", runDirectory])
            states = try waitUntil(context, from: states) { $0.cardPresent }
            #expect(states.first?.cardPresent == true)
        }

        /// Waits for card events until `condition` holds for the reader (at most 20 s).
        private func waitUntil(
            _ context: PCSCContext, from states: [PCSCReaderState], _ condition: (PCSCReaderState) -> Bool
        ) throws -> [PCSCReaderState] {
            var current = states
            for _ in 0..<20 where !(current.first.map(condition) ?? false) {
                do {
                    current = try context.waitForChange(from: current, timeoutMilliseconds: 1000)
                } catch {
                    guard error == .timeout else { throw error }
                }
            }
            return current
        }
    }
}
