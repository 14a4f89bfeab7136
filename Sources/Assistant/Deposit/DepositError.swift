import ArgumentParser

/// Why a headless deposit stopped, with what to do about it; each kind has its exit status.
enum DepositError: Error, CustomStringConvertible {
    /// A file or an envelope given on the command line does not fit the consultation.
    case input(String)
    /// The platform refused: consultation not online, deadline passed, file refused.
    case refused(String)
    /// No credentials, or the platform refused them.
    case authentication(String)
    /// The platform could not be reached, or kept failing, after the retries.
    case unavailable(String)
    /// Anything else: a local I/O error, an unexpected answer.
    case failed(String)

    var description: String {
        switch self {
        case .input(let text), .refused(let text), .authentication(let text), .unavailable(let text),
            .failed(let text):
            text
        }
    }

    /// The documented exit status: 1 failure, 2 input, 3 refused, 4 authentication, 5 unavailable.
    var exitCode: ExitCode {
        switch self {
        case .failed: ExitCode(1)
        case .input: ExitCode(2)
        case .refused: ExitCode(3)
        case .authentication: ExitCode(4)
        case .unavailable: ExitCode(5)
        }
    }
}
