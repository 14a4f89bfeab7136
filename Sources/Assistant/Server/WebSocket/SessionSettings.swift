import Foundation

/// What every WebSocket session shares from the daemon's configuration.
struct SessionSettings: Sendable {
    /// Where files a page sends wait while their job runs (private to the user, emptied after each job).
    var workDirectory: URL
    /// The `.pem` trust anchors of `verify`.
    var trustDirectory: URL
    var maximumFileSize: Int64
    /// The time-stamping authority of level B-T signatures.
    var timestampURL: URL?
    /// Whether `bench.progress` is accepted (`serve --bench`).
    var benchmark: Bool

    init(_ configuration: AssistantConfiguration) {
        workDirectory = configuration.workDirectory
        trustDirectory = configuration.trustDirectory
        maximumFileSize = configuration.maximumFileSize
        timestampURL = configuration.timestampURL
        benchmark = configuration.benchmark
    }
}
