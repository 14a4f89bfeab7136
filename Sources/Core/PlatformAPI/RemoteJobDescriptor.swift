extension PlatformAPI {
    /// What a remote job does.
    public enum RemoteJobKind: String, Codable, Sendable, CaseIterable {
        /// "Télécharger les plis chiffrés": the sealed files land in the assistant's folder.
        case download = "telechargement"
        /// "Ouvrir en ligne": the assistant unwraps each file's content key with the agent's private key and
        /// releases it; the platform decrypts the sealed files it stores.
        case openOnline = "ouverture-en-ligne"

        /// The steps the assistant shows, as the seed names them.
        public var steps: [String] {
            switch self {
            case .download:
                ["Récupération des fichiers", "Vérification des empreintes", "Téléchargement terminé"]
            case .openOnline:
                [
                    "Récupération des fichiers", "Récupération de la clé privée dans le magasin",
                    "Déchiffrement des enveloppes", "Déchiffrement terminé",
                ]
            }
        }

        /// The label of the platform's button and of the job ("Ouvrir en ligne").
        public var label: String {
            switch self {
            case .download: "Télécharger les plis chiffrés"
            case .openOnline: "Ouvrir en ligne"
            }
        }
    }

    /// A remote job as the platform describes and signs it: the consultation's plis, their envelopes and
    /// the sealed files in each, with a SHA-256 per chunk. The assistant checks the signature against the
    /// key pinned at pairing, then fetches each chunk with HTTP range requests and checks it.
    public struct RemoteJobDescriptor: Codable, Sendable, Equatable {
        /// The descriptor format this type reads and writes.
        public static let currentVersion = 1

        public let version: Int
        /// The job's identifier (a lower-case UUID), also the assistant's job id.
        public let id: String
        public let kind: RemoteJobKind
        /// The origin of the platform that issued the job (`https://host[:port]`): the assistant refuses
        /// a descriptor brought by a page of another origin.
        public let platform: String
        public let consultation: ConsultationRef
        /// The agent who asked, for the assistant's local page.
        public let requestedBy: String
        /// Seconds since 1970: when the platform issued the job, and until when its one-time token may be
        /// claimed.
        public let issuedAt: Int64
        public let tokenExpiresAt: Int64
        /// Every chunk of every file is this size but the last of each file.
        public let chunkSize: Int
        public let plis: [Pli]

        public init(
            id: String, kind: RemoteJobKind, platform: String, consultation: ConsultationRef, requestedBy: String,
            issuedAt: Int64, tokenExpiresAt: Int64, chunkSize: Int, plis: [Pli]
        ) {
            self.version = Self.currentVersion
            self.id = id
            self.kind = kind
            self.platform = platform
            self.consultation = consultation
            self.requestedBy = requestedBy
            self.issuedAt = issuedAt
            self.tokenExpiresAt = tokenExpiresAt
            self.chunkSize = chunkSize
            self.plis = plis
        }

        /// The consultation a job works on.
        public struct ConsultationRef: Codable, Sendable, Equatable {
            public let id: Int64
            public let reference: String
            public let title: String

            public init(id: Int64, reference: String, title: String) {
                self.id = id
                self.reference = reference
                self.title = title
            }
        }

        /// One company's response (a complete deposit), numbered from 1 in deposit order.
        public struct Pli: Codable, Sendable, Equatable {
            public let number: Int
            public let depositID: Int64
            public let company: String
            public let envelopes: [Envelope]

            public init(number: Int, depositID: Int64, company: String, envelopes: [Envelope]) {
                self.number = number
                self.depositID = depositID
                self.company = company
                self.envelopes = envelopes
            }
        }

        /// One envelope of a pli (`candidature`, `offre`, `anonymat`) and its sealed files.
        public struct Envelope: Codable, Sendable, Equatable {
            public let kind: String
            public let label: String
            public let files: [File]

            public init(kind: String, label: String, files: [File]) {
                self.kind = kind
                self.label = label
                self.files = files
            }
        }

        /// One sealed file: its platform id (the `fileID` of the job's file routes), its name as deposited,
        /// its size and SHA-256, and the SHA-256 of each of its chunks (lower-case hexadecimal).
        public struct File: Codable, Sendable, Equatable {
            public let id: Int64
            public let name: String
            public let size: Int64
            public let sha256: String
            public let chunks: [String]

            public init(id: Int64, name: String, size: Int64, sha256: String, chunks: [String]) {
                self.id = id
                self.name = name
                self.size = size
                self.sha256 = sha256
                self.chunks = chunks
            }
        }

        /// The number of chunks of a file of `size` bytes.
        public static func chunkCount(size: Int64, chunkSize: Int) -> Int {
            size == 0 ? 0 : Int((size + Int64(chunkSize) - 1) / Int64(chunkSize))
        }

        /// The bytes of chunk `index` of a file of `size` bytes: `lowerBound..<upperBound`.
        public func chunkRange(_ index: Int, ofFileSize size: Int64) -> Range<Int64> {
            let start = Int64(index) * Int64(chunkSize)
            return start..<min(size, start + Int64(chunkSize))
        }

        /// The sealed bytes of the whole job.
        public var totalBytes: Int64 {
            plis.reduce(0) { $0 + $1.envelopes.reduce(0) { $0 + $1.files.reduce(0) { $0 + $1.size } } }
        }

        /// The number of sealed files of the whole job.
        public var fileCount: Int {
            plis.reduce(0) { $0 + $1.envelopes.reduce(0) { $0 + $1.files.count } }
        }
    }
}
