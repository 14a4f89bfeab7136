import CoreModel

/// What the user is asked for, and on whose behalf: shown by pinentry so the user knows which page
/// or command wants the key.
public struct PINRequest: Sendable, Equatable {
    /// The token's label, or the PKCS#12 file's name.
    public let store: String
    /// Who asks and for what, e.g. "https://marches.example.fr veut signer offre.pdf".
    public let purpose: String
    /// The error of the previous try ("PIN incorrect, 2 essais restants"), if any.
    public var previousError: String?
    /// True for a PKCS#12 passphrase rather than a token PIN.
    public let isPassphrase: Bool

    /// `store` and `purpose` lose their controls and bidirectional overrides (a file name from a page could
    /// otherwise make the dialog read another name).
    public init(store: String, purpose: String, previousError: String? = nil, isPassphrase: Bool = false) {
        self.store = DisplaySafeText.stripped(store)
        self.purpose = DisplaySafeText.stripped(purpose)
        self.previousError = previousError
        self.isPassphrase = isPassphrase
    }
}

/// Where PINs come from: never from a web page. A source returns `nil` when the token's own PIN pad
/// will ask (protected authentication path).
public protocol PINSource: Sendable {
    func pin(for request: PINRequest) async throws -> String?
}

/// Why no PIN could be obtained.
public enum PINError: Error, Equatable, CustomStringConvertible {
    /// The user cancelled the PIN dialog.
    case cancelled
    /// Headless use without the environment variable.
    case missingVariable(String)
    /// The pinentry program could not be run or answered outside the Assuan protocol.
    case pinentryFailed(program: String, reason: String)

    public var description: String {
        switch self {
        case .cancelled: "The PIN entry was cancelled: nothing was signed or opened."
        case .missingVariable(let name):
            "No PIN available: set \(name) for headless use, or run where a pinentry program can ask."
        case .pinentryFailed(let program, let reason):
            "The PIN dialog \(program) failed (\(reason)). Install pinentry (e.g. pinentry-gnome3) or set SCEAU_PIN."
        }
    }
}

/// The PIN from an environment variable (`SCEAU_PIN`, `SCEAU_PKCS12_PASSWORD`), for scripts, servers and CI.
public struct EnvironmentPINSource: PINSource {
    public let variable: String
    let environment: [String: String]

    public init(variable: String, environment: [String: String]) {
        self.variable = variable
        self.environment = environment
    }

    public func pin(for request: PINRequest) async throws -> String? {
        // A wrong PIN from a variable would be tried again and lock the token: refuse retries.
        guard request.previousError == nil, let value = environment[variable] else {
            throw PINError.missingVariable(variable)
        }
        return value
    }
}

/// No PIN in software: the reader's PIN pad asks the user.
public struct PINPadSource: PINSource {
    public init() {}
    public func pin(for request: PINRequest) async throws -> String? { nil }
}
