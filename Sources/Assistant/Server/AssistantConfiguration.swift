import Logging

/// How the daemon runs: where it listens and how much it logs.
struct AssistantConfiguration: Sendable {
    /// The documented default port of the assistant on 127.0.0.1.
    static let defaultPort = 17420

    var port: Int = defaultPort
    var logLevel: Logger.Level = .info
}
