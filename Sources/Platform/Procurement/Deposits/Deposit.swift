import PlatformKernel

/// A company's response to a consultation: sealed files in envelopes, uploaded in chunks.
///
/// A deposit counts only once complete (every chunk arrived, every hash matched, before the
/// deadline). A company's later complete deposit supersedes its earlier ones, which stay in the
/// registre des dépôts marked "Remplacé".
package struct Deposit: Codable, Sendable, Equatable {
    package enum State: String, Codable, Sendable, CaseIterable {
        /// Files are being uploaded; nothing is deposited yet.
        case uploading = "en-cours"
        /// Complete, with a receipt: this is the company's response.
        case complete = "complet"
        /// Complete, then replaced by a later complete deposit of the same company.
        case superseded = "remplace"

        package var label: String {
            switch self {
            case .uploading: "En cours de dépôt"
            case .complete: "Déposé"
            case .superseded: "Remplacé"
            }
        }
    }

    package var id: Int64?
    package let consultationID: Int64
    package let companyID: Int64
    package let bidderID: Int64
    package var state: State = .uploading
    package let startedAt: Int64
    package var completedAt: Int64?

    package init(
        id: Int64? = nil, consultationID: Int64, companyID: Int64, bidderID: Int64, state: State = .uploading,
        startedAt: Int64, completedAt: Int64? = nil
    ) {
        self.id = id
        self.consultationID = consultationID
        self.companyID = companyID
        self.bidderID = bidderID
        self.state = state
        self.startedAt = startedAt
        self.completedAt = completedAt
    }
}

/// One sealed file of a deposit, in one envelope.
package struct DepositFile: Codable, Sendable, Equatable {
    package var id: Int64?
    package var depositID: Int64
    package let envelope: ConsultationEnvelope
    /// The name the company gave it, without any folder.
    package let name: String
    /// The sealed file's size and SHA-256 (lower-case hex), announced before the upload and checked at the end.
    package let size: Int64
    package let sha256: String
    /// Every chunk is this size but the last.
    package let chunkSize: Int
    /// The resumable upload that receives the chunks (see `ChunkedUploads`).
    package let uploadID: String
    /// Set once every chunk arrived and the whole file matched its hash.
    package var stored: Bool = false

    package init(
        id: Int64? = nil, depositID: Int64, envelope: ConsultationEnvelope, name: String, size: Int64, sha256: String,
        chunkSize: Int, uploadID: String, stored: Bool = false
    ) {
        self.id = id
        self.depositID = depositID
        self.envelope = envelope
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.chunkSize = chunkSize
        self.uploadID = uploadID
        self.stored = stored
    }

    package var chunkCount: Int { size == 0 ? 1 : Int((size + Int64(chunkSize) - 1) / Int64(chunkSize)) }
}
