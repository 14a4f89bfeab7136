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
        /// Where the platform's journal records this deposit; absent from receipts made before the journal
        /// positions (and then absent from the canonical JSON too, so their time-stamps still verify).
        public let journal: JournalPosition?

        public init(
            depositId: Int64, consultationReference: String, consultationTitle: String, companyName: String,
            siret: String, bidder: String, receivedAt: Int64, receivedAtText: String, files: [SealedFile],
            supersedes: [Int64], journal: JournalPosition? = nil
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
            self.journal = journal
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

    /// The place of a receipt in the platform's hash-chained journal: the entry that records the deposit's
    /// completion (its details carry the receipt's SHA-256) and the journal's head hash when it was recorded,
    /// which that entry chains to. Anyone holding the receipt can ask that the journal be shown to still
    /// have this entry after this head; the platform's signed checkpoints vouch for both.
    public struct JournalPosition: Codable, Sendable, Equatable {
        /// The sequence number of the journal entry that records the deposit.
        public let sequence: Int64
        /// The journal's head hash (64 hexadecimal digits) the entry follows: the entry before it.
        public let head: String

        public init(sequence: Int64, head: String) {
            self.sequence = sequence
            self.head = head
        }
    }
}
