import Foundation

/// The assistant's WebSocket protocol (docs/protocol.md): its version, its methods and its error codes.
public enum AssistantProtocol {
    /// The protocol version announced by `hello`; pages check it before calling anything else.
    public static let version = "1.0"
    /// The WebSocket path on the assistant's loopback port.
    public static let path = "/ws"
}

/// The methods a page may call.
public enum AssistantMethod: String, Sendable, CaseIterable {
    case hello
    case configTest = "config.test"
    case certificatesList = "certificates.list"
    case eventsSubscribe = "events.subscribe"
    case keysGenerate = "keys.generate"
    case jobsList = "jobs.list"
    case jobsCancel = "jobs.cancel"
    case sign
    case verify
    case jobsStart = "jobs.start"
}

/// Application error codes (JSON-RPC reserves -32768…-32000 for itself; these sit just above).
public enum AssistantErrorCode {
    /// A method was called before `hello`.
    public static let helloRequired = -31_001
    /// The user refused or cancelled (PIN dialog, confirmation).
    public static let cancelledByUser = -31_002
    /// A token, card or key is missing or refused the operation.
    public static let keyStore = -31_003
    /// No job with this id belongs to the page's origin.
    public static let unknownJob = -31_004
    /// The file sent in binary frames is larger than announced, or than the assistant accepts.
    public static let fileTooLarge = -31_005
    /// The job failed (the message says why and what to do); the session goes on.
    public static let jobFailed = -31_006
}

/// `hello` parameters: who the page is.
public struct HelloParams: Codable, Sendable, Equatable {
    /// The page's own name for itself, e.g. "Sceau plateforme 0.1".
    public let client: String?
    /// The browser name and version, for the configuration test.
    public let browser: String?
    /// The assistant version the platform publishes as current; `hello` says whether this one is older.
    public let latestVersion: String?

    public init(client: String?, browser: String?, latestVersion: String? = nil) {
        self.client = client
        self.browser = browser
        self.latestVersion = latestVersion
    }
}

/// `hello` result: what this assistant is and can do, and the secret of this session.
public struct HelloResult: Codable, Sendable, Equatable {
    public let assistantVersion: String
    public let protocolVersion: String
    public let capabilities: [String]
    /// A random secret identifying this WebSocket session; jobs started later are bound to it.
    public let sessionSecret: String
    /// Whether the `latestVersion` the page gave is newer than this assistant (nil when none was given):
    /// the page then tells the user an update exists.
    public let updateAvailable: Bool?

    public init(
        assistantVersion: String, protocolVersion: String, capabilities: [String], sessionSecret: String,
        updateAvailable: Bool? = nil
    ) {
        self.assistantVersion = assistantVersion
        self.protocolVersion = protocolVersion
        self.capabilities = capabilities
        self.sessionSecret = sessionSecret
        self.updateAvailable = updateAvailable
    }
}

/// `config.test` parameters: what only the page knows.
public struct ConfigTestParams: Codable, Sendable, Equatable {
    /// The browser's name and version, e.g. "Chromium 120.0".
    public let browser: String?

    public init(browser: String?) { self.browser = browser }
}

/// Notifications the assistant pushes to sessions that called `events.subscribe`.
public enum AssistantEvent {
    /// A card was inserted into or removed from a reader: params ``CardEvent``.
    public static let card = "event.card"
    /// A job of the page's origin started, progressed or ended: params ``JobSummary``.
    public static let job = "event.job"
}

/// A smartcard arriving or leaving; pages list certificates again when `present` changes.
public struct CardEvent: Codable, Sendable, Equatable {
    public let reader: String
    public let present: Bool

    public init(reader: String, present: Bool) {
        self.reader = reader
        self.present = present
    }
}

/// `keys.generate` parameters: a new encryption bi-key on a token ("Création et ajout de bi-clé").
public struct KeysGenerateParams: Codable, Sendable, Equatable {
    /// The label of the token that will hold the key.
    public let token: String
    /// The certificate's CN: "Prénom Nom" or a function.
    public let name: String
    /// `rsa-3072` (default), `rsa-2048` or `ec-p256`.
    public let algorithm: String?
    /// The certificate's validity in days (default 730).
    public let days: Int?

    public init(token: String, name: String, algorithm: String? = nil, days: Int? = nil) {
        self.token = token
        self.name = name
        self.algorithm = algorithm
        self.days = days
    }
}

/// `keys.generate` result: the certificate to upload to the platform.
public struct KeysGenerateResult: Codable, Sendable, Equatable {
    public let certificatePEM: String
    public let subject: String
    public let notAfter: Date

    public init(certificatePEM: String, subject: String, notAfter: Date) {
        self.certificatePEM = certificatePEM
        self.subject = subject
        self.notAfter = notAfter
    }
}
