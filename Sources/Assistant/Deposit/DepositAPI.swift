/// The platform's deposit API answers the assistant reads (see the platform's DepositController).
enum DepositAPI {
    /// `GET /api/public/consultations/{ref}/recipients`.
    struct Recipients: Decodable, Sendable {
        struct Consultation: Decodable, Sendable {
            let reference: String
            let title: String
            let deadline: Int64
            let deadlineText: String
            let envelopes: [String]
            let encryption: Bool
        }
        let consultation: Consultation
        /// The certificates to seal every file for, in PEM.
        let certificates: [String]
    }

    /// A file of a deposit and the chunks the platform still expects.
    struct File: Decodable, Sendable {
        let id: Int64
        let envelope: String
        let name: String
        let size: Int64
        let sha256: String
        let chunkSize: Int
        let chunkCount: Int
        let stored: Bool
        let missingChunks: [Int]
    }

    /// `GET /api/deposits/{id}`: its state (`en-cours`, `complet`, `remplace`) and files.
    struct Deposit: Decodable, Sendable {
        let id: Int64
        let consultation: String
        let state: String
        let files: [File]

        var isUploading: Bool { state == "en-cours" }
    }

    /// `POST /api/deposits/{id}/complete` and `GET /api/deposits/{id}/receipt`.
    struct ReceiptAnswer: Decodable, Sendable {
        struct Receipt: Decodable, Sendable {
            struct File: Decodable, Sendable {
                let envelope: String
                let name: String
                let size: Int64
                let sha256: String
            }
            let depositId: Int64
            let consultationReference: String
            let consultationTitle: String
            let companyName: String
            let siret: String
            let bidder: String
            let receivedAt: Int64
            let receivedAtText: String
            let files: [File]
            let supersedes: [Int64]
        }
        let receipt: Receipt
        let timestampToken: String?
    }
}
