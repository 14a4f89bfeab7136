import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension URLSession {
    /// `data(for:)` in a task of its own, which the caller's cancellation does not reach: use it instead
    /// of `data(for:)` everywhere.
    ///
    /// On Linux, cancelling a task while URLSession delivers its answer deadlocks
    /// (swift-corelibs-foundation): the cancellation holds the task's status lock and waits for the
    /// session's queue, while that queue, resuming the task with the answer, waits for the lock. A job
    /// cancelled mid-download hung that way. The request now ends by its answer or its timeout, and the
    /// caller checks for cancellation afterwards.
    public func detachedData(for request: URLRequest) async throws -> (Data, URLResponse) {
        try await Task.detached { try await self.data(for: request) }.value
    }
}
