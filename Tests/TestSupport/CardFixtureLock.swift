/// Serialises the tests that remove and insert the virtual card: they run in one process, possibly
/// in parallel suites of different targets, and would otherwise see each other's card events.
public actor CardFixtureLock {
    public static let shared = CardFixtureLock()

    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` while no other holder runs.
    public func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async rethrows -> R {
        if held {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            held = true
        }
        defer {
            if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
