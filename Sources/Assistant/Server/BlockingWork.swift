import Dispatch

/// Runs blocking work (PKCS#11 and PC/SC calls, which can take seconds while a middleware probes a
/// card) on a Dispatch thread, so that it never holds one of the few threads of Swift's cooperative
/// pool that serve every other connection.
func offCooperativePool<R: Sendable>(_ work: @escaping @Sendable () throws -> R) async throws -> R {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
