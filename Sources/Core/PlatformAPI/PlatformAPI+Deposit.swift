extension PlatformAPI {
    /// `POST /api/deposits`.
    public struct NewDeposit: Codable, Sendable, Equatable {
        /// The consultation's reference.
        public let consultation: String

        public init(consultation: String) { self.consultation = consultation }
    }

    /// A sealed file of a response: announced with `POST /api/deposits/{id}/files` before its chunks, and
    /// listed so in the receipt.
    public struct SealedFile: Codable, Sendable, Equatable {
        public let envelope: String
        public let name: String
        /// The sealed file's size and SHA-256 (lower-case hexadecimal).
        public let size: Int64
        public let sha256: String

        public init(envelope: String, name: String, size: Int64, sha256: String) {
            self.envelope = envelope
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    /// A file of a deposit and the chunks the platform still expects.
    public struct DepositFile: Codable, Sendable, Equatable {
        public let id: Int64
        public let envelope: String
        public let name: String
        public let size: Int64
        public let sha256: String
        /// Every chunk is this size but the last.
        public let chunkSize: Int
        public let chunkCount: Int
        /// Every chunk arrived and the whole file matched its hash.
        public let stored: Bool
        public let missingChunks: [Int]

        public init(
            id: Int64, envelope: String, name: String, size: Int64, sha256: String, chunkSize: Int, chunkCount: Int,
            stored: Bool, missingChunks: [Int]
        ) {
            self.id = id
            self.envelope = envelope
            self.name = name
            self.size = size
            self.sha256 = sha256
            self.chunkSize = chunkSize
            self.chunkCount = chunkCount
            self.stored = stored
            self.missingChunks = missingChunks
        }
    }

    /// `GET /api/deposits/{id}`.
    public struct Deposit: Codable, Sendable, Equatable {
        /// `en-cours` while uploading, `complet` once deposited, `remplace` when a later deposit replaced it.
        public enum State: String, Codable, Sendable, CaseIterable {
            case uploading = "en-cours"
            case complete = "complet"
            case superseded = "remplace"
        }

        public let id: Int64
        public let consultation: String
        public let state: State
        public let files: [DepositFile]

        public init(id: Int64, consultation: String, state: State, files: [DepositFile]) {
            self.id = id
            self.consultation = consultation
            self.state = state
            self.files = files
        }
    }

    /// `POST /api/deposits/{id}/complete` and `GET /api/deposits/{id}/receipt`.
    public struct Receipt: Codable, Sendable, Equatable {
        public let receipt: DepositReceipt
        /// The RFC 3161 token over ``DepositReceipt/digest()``, in base64; absent without a TSA.
        public let timestampToken: String?

        public init(receipt: DepositReceipt, timestampToken: String?) {
            self.receipt = receipt
            self.timestampToken = timestampToken
        }
    }
}
