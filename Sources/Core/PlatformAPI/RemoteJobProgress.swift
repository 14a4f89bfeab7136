extension PlatformAPI {
    /// Where a remote job stands, as the assistant reports it (`POST /api/jobs/{id}/progress`) and as the
    /// platform shows it to the agents watching the consultation.
    public struct RemoteJobProgress: Codable, Sendable, Equatable {
        public enum State: String, Codable, Sendable {
            case waiting = "en-attente"
            case running = "en-cours"
            case succeeded = "termine"
            case failed = "echec"
            case cancelled = "annule"

            public var isFinal: Bool { self == .succeeded || self == .failed || self == .cancelled }
        }

        public let state: State
        /// The current step, from 1, and its name (``RemoteJobKind/steps``).
        public let step: Int
        public let stepName: String
        /// Global progress, 0 to 100.
        public let percent: Double
        public let bytesPerSecond: Double?
        /// "pli 2 sur 5, enveloppe 1 sur 2, fichier 3 sur 4".
        public let detail: String?
        /// Why the job failed, and what to do.
        public let error: String?

        public init(
            state: State, step: Int, stepName: String, percent: Double, bytesPerSecond: Double? = nil,
            detail: String? = nil, error: String? = nil
        ) {
            self.state = state
            self.step = step
            self.stepName = stepName
            self.percent = percent
            self.bytesPerSecond = bytesPerSecond
            self.detail = detail
            self.error = error
        }
    }

    /// A remote job as agents see it (`GET /api/consultations/{id}/jobs`).
    public struct RemoteJobStatus: Codable, Sendable, Equatable {
        public let id: String
        public let kind: RemoteJobKind
        public let requestedBy: String
        /// Seconds since 1970.
        public let createdAt: Int64
        public let updatedAt: Int64
        public let progress: RemoteJobProgress
        /// Sealed bytes the platform served for this job (chunks fetched again included).
        public let bytesServed: Int64

        public init(
            id: String, kind: RemoteJobKind, requestedBy: String, createdAt: Int64, updatedAt: Int64,
            progress: RemoteJobProgress, bytesServed: Int64
        ) {
            self.id = id
            self.kind = kind
            self.requestedBy = requestedBy
            self.createdAt = createdAt
            self.updatedAt = updatedAt
            self.progress = progress
            self.bytesServed = bytesServed
        }
    }

    /// The opening state of one envelope of a pli.
    public enum EnvelopeOpening: String, Codable, Sendable {
        case closed = "fermee"
        case openedOnline = "ouverte-en-ligne"

        public var label: String {
            switch self {
            case .closed: "Fermée"
            case .openedOnline: "Ouverte en ligne"
            }
        }
    }

    /// `POST /api/jobs/{id}/files/{fileID}/key`: the content-encryption key of one sealed file of an online
    /// opening, unwrapped by the agent's assistant with the private key on its token. The platform decrypts
    /// the sealed file it stores with it: what it stores is, by construction, the decryption of the
    /// deposited file. The key is never logged nor journaled.
    public struct ContentKeyRelease: Codable, Sendable, Equatable {
        /// The AES key in base64 (16, 24 or 32 bytes).
        public let contentEncryptionKey: String

        public init(contentEncryptionKey: String) {
            self.contentEncryptionKey = contentEncryptionKey
        }
    }

    /// The platform's answer to a released key: the plaintext it decrypted from its stored sealed file
    /// (the same answer when the file was already decrypted), and whether the envelope is now open.
    public struct DecryptedFile: Codable, Sendable, Equatable {
        public let fileID: Int64
        /// The decrypted file's name (the sealed name without `.p7m`).
        public let name: String
        public let size: Int64
        public let sha256: String
        /// The envelope is "Ouverte en ligne": every file of it is decrypted.
        public let envelopeOpened: Bool

        public init(fileID: Int64, name: String, size: Int64, sha256: String, envelopeOpened: Bool) {
            self.fileID = fileID
            self.name = name
            self.size = size
            self.sha256 = sha256
            self.envelopeOpened = envelopeOpened
        }
    }

    /// The job routes, relative to the platform's origin, as both programs spell them.
    public enum RemoteJobRoute {
        public static func claim(_ job: String) -> String { "/api/jobs/\(job)/claim" }
        public static func file(_ job: String, _ file: Int64) -> String { "/api/jobs/\(job)/files/\(file)" }
        public static func progress(_ job: String) -> String { "/api/jobs/\(job)/progress" }
        public static func key(_ job: String, _ file: Int64) -> String { "/api/jobs/\(job)/files/\(file)/key" }
    }
}
