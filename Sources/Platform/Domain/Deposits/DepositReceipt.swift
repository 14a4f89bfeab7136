import Crypto
import Foundation

/// The accusé de réception of a complete deposit: what was received, from whom, for which consultation,
/// at which second (server time), with the SHA-256 of every sealed file. Its canonical JSON (sorted keys)
/// is what the RFC 3161 token, when a TSA is configured, time-stamps.
struct DepositReceipt: Codable, Sendable, Equatable {
    struct File: Codable, Sendable, Equatable {
        let envelope: ConsultationEnvelope
        let name: String
        let size: Int64
        let sha256: String
    }

    var document = "Accusé de réception de dépôt électronique"
    let depositId: Int64
    let consultationReference: String
    let consultationTitle: String
    let companyName: String
    let siret: String
    let bidder: String
    /// Seconds since 1970, UTC.
    let receivedAt: Int64
    /// The same second in Paris time, `dd/MM/yyyy HH:mm:ss`.
    let receivedAtText: String
    let files: [File]
    /// Earlier deposits of the company for this consultation that this one replaces.
    let supersedes: [Int64]

    /// The canonical bytes: JSON with sorted keys, no extra spaces.
    func canonicalJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The SHA-256 of ``canonicalJSON()``: the message imprint of the time-stamp.
    func digest() throws -> [UInt8] {
        Array(SHA256.hash(data: try canonicalJSON()))
    }
}
