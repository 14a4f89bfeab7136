import Logging

/// How a program writes its log (`--log-format`): swift-log's text lines (the default) or JSON lines
/// (``JSONLogHandler``).
public enum LogFormat: String, CaseIterable, Sendable {
    case text
    case json

    /// Makes this format the process's logging backend; call once, first thing in a command's `run()`.
    /// `metadata` is on every JSON line (the platform's node id); text lines stay as they were.
    public func bootstrap(metadata: Logger.Metadata = [:]) {
        switch self {
        case .text:
            break  // swift-log's own default: text lines on standard error.
        case .json:
            LoggingSystem.bootstrap { label in JSONLogHandler(label: label, metadata: metadata) }
        }
    }
}
