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

    /// `POST /api/jobs/{id}/files/{fileID}/plaintext`: announces the decrypted content of a sealed file
    /// before its chunks (`PUT …/plaintext/chunks/{index}`, in any order, each acknowledged once on disk).
    public struct NewPlaintext: Codable, Sendable, Equatable {
        /// The decrypted file's name (the sealed name without `.p7m`).
        public let name: String
        public let size: Int64
        public let sha256: String

        public init(name: String, size: Int64, sha256: String) {
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The platform's state of a plaintext upload: the chunks it still expects. Answered by the
    /// announcement (again when the upload resumes) and by `POST …/plaintext/complete` with `stored` true.
    public struct PlaintextUpload: Codable, Sendable, Equatable {
        public let fileID: Int64
        public let name: String
        public let size: Int64
        public let sha256: String
        public let chunkSize: Int
        public let chunkCount: Int
        public let stored: Bool
        public let missingChunks: [Int]

        public init(
            fileID: Int64, name: String, size: Int64, sha256: String, chunkSize: Int, chunkCount: Int, stored: Bool,
            missingChunks: [Int]
        ) {
            self.fileID = fileID
            self.name = name
            self.size = size
            self.sha256 = sha256
            self.chunkSize = chunkSize
            self.chunkCount = chunkCount
            self.stored = stored
            self.missingChunks = missingChunks
        }
    }

    /// The job routes, relative to the platform's origin, as both programs spell them.
    public enum RemoteJobRoute {
        public static func claim(_ job: String) -> String { "/api/jobs/\(job)/claim" }
        public static func file(_ job: String, _ file: Int64) -> String { "/api/jobs/\(job)/files/\(file)" }
        public static func progress(_ job: String) -> String { "/api/jobs/\(job)/progress" }
        public static func plaintext(_ job: String, _ file: Int64) -> String {
            "/api/jobs/\(job)/files/\(file)/plaintext"
        }
        public static func plaintextChunk(_ job: String, _ file: Int64, _ index: Int) -> String {
            "/api/jobs/\(job)/files/\(file)/plaintext/chunks/\(index)"
        }
        public static func plaintextComplete(_ job: String, _ file: Int64) -> String {
            "/api/jobs/\(job)/files/\(file)/plaintext/complete"
        }
    }
}
