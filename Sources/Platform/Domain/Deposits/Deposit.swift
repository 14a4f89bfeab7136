/// A company's response to a consultation: sealed files in envelopes, uploaded in chunks.
///
/// A deposit counts only once complete (every chunk arrived, every hash matched, before the
/// deadline). A company's later complete deposit supersedes its earlier ones, which stay in the
/// registre des dépôts marked "Remplacé".
struct Deposit: Codable, Sendable, Equatable {
    enum State: String, Codable, Sendable, CaseIterable {
        /// Files are being uploaded; nothing is deposited yet.
        case uploading = "en-cours"
        /// Complete, with a receipt: this is the company's response.
        case complete = "complet"
        /// Complete, then replaced by a later complete deposit of the same company.
        case superseded = "remplace"

        var label: String {
            switch self {
            case .uploading: "En cours de dépôt"
            case .complete: "Déposé"
            case .superseded: "Remplacé"
            }
        }
    }

    var id: Int64?
    let consultationID: Int64
    let companyID: Int64
    let bidderID: Int64
    var state: State = .uploading
    let startedAt: Int64
    var completedAt: Int64?
}

/// One sealed file of a deposit, in one envelope.
struct DepositFile: Codable, Sendable, Equatable {
    var id: Int64?
    var depositID: Int64
    let envelope: ConsultationEnvelope
    /// The name the company gave it, without any folder.
    let name: String
    /// The sealed file's size and SHA-256 (lower-case hex), announced before the upload and checked at the end.
    let size: Int64
    let sha256: String
    /// Every chunk is this size but the last.
    let chunkSize: Int
    /// The resumable upload that receives the chunks (see `ChunkedUploads`).
    let uploadID: String
    /// Set once every chunk arrived and the whole file matched its hash.
    var stored: Bool = false

    var chunkCount: Int { size == 0 ? 1 : Int((size + Int64(chunkSize) - 1) / Int64(chunkSize)) }
}
