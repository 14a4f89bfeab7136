import Crypto
import Foundation

extension PlatformAPI {
    /// The accusé de réception of a complete deposit: what was received, from whom, for which consultation,
    /// at which second (the platform's time), with the SHA-256 of every sealed file. Its canonical JSON (sorted
    /// keys) is what the RFC 3161 token, when the platform has a TSA, time-stamps: anyone holding the receipt
    /// can check the token against it.
    public struct DepositReceipt: Codable, Sendable, Equatable {
        public var document = "Accusé de réception de dépôt électronique"
        public let depositId: Int64
        public let consultationReference: String
        public let consultationTitle: String
        public let companyName: String
        public let siret: String
        public let bidder: String
        /// Seconds since 1970, UTC.
        public let receivedAt: Int64
        /// The same second in Paris time, `dd/MM/yyyy HH:mm:ss`.
        public let receivedAtText: String
        public let files: [SealedFile]
        /// Earlier deposits of the company for this consultation that this one replaces.
        public let supersedes: [Int64]

        public init(
            depositId: Int64, consultationReference: String, consultationTitle: String, companyName: String,
            siret: String, bidder: String, receivedAt: Int64, receivedAtText: String, files: [SealedFile],
            supersedes: [Int64]
        ) {
            self.depositId = depositId
            self.consultationReference = consultationReference
            self.consultationTitle = consultationTitle
            self.companyName = companyName
            self.siret = siret
            self.bidder = bidder
            self.receivedAt = receivedAt
            self.receivedAtText = receivedAtText
            self.files = files
            self.supersedes = supersedes
        }

        /// The canonical bytes: JSON with sorted keys, no extra spaces, slashes unescaped.
        public func canonicalJSON() throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(self)
        }

        /// The SHA-256 of ``canonicalJSON()``: the message imprint of the time-stamp.
        public func digest() throws -> [UInt8] {
            Array(SHA256.hash(data: try canonicalJSON()))
        }
    }
}
