/// Caps the download rate of remote jobs (`--max-download-rate`): each fetched chunk books its share
/// of time after the previous bookings, and its fetcher waits until that time is over, so the chunks
/// fetched in parallel together stay under the rate.
actor DownloadThrottle {
    let bytesPerSecond: Double
    private var next = ContinuousClock.now

    init(bytesPerSecond: Int) {
        self.bytesPerSecond = Double(max(1, bytesPerSecond))
    }

    /// Waits until `bytes` more fit in the rate.
    func pass(_ bytes: Int) async throws {
        let now = ContinuousClock.now
        let start = max(now, next)
        next = start + .seconds(Double(bytes) / bytesPerSecond)
        let until = next
        if until > now { try await Task.sleep(until: until, clock: .continuous) }
    }
}
