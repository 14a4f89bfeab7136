/// Why a remote job was refused or failed, and what to do. The command line maps each case to its exit
/// status, the WebSocket to error `-31006` (`-32602` for an unreadable offer).
enum RemoteJobError: Error, Equatable, CustomStringConvertible {
    /// The offer is unreadable (not base64, not JSON, an id that is no UUID).
    case invalid(String)
    /// Refused before anything ran: no pinned key, bad signature, another origin, job token refused.
    case refused(String)
    /// The platform could not be reached, after the retries.
    case unreachable(String)
    /// The token holding the decryption key is missing or not designated.
    case token(String)
    /// The job failed while running (altered file, credential refused, disk full…).
    case failed(String)

    var description: String {
        switch self {
        case .invalid(let message), .refused(let message), .unreachable(let message), .token(let message),
            .failed(let message):
            message
        }
    }
}
