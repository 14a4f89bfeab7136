import CoreModel
import Crypto
import Foundation

/// A signed statement of the journal's head at one moment: the platform's key vouches that entries
/// ``first`` through ``sequence`` had these hashes, and an RFC 3161 token (when `serve --tsa` is given)
/// that the statement existed at the authority's time. Kept in the database and appended to the export
/// file (`serve --journal-checkpoints`), so that a database writer who rewrites an entry and recomputes
/// the chain no longer matches a checkpoint taken before.
package struct JournalCheckpoint: Hashable, Sendable {
    /// The first entry vouched for: 1, or the entry after the previous checkpoint.
    package let first: Int64
    /// The last entry vouched for: the journal's head when the checkpoint was taken.
    package let sequence: Int64
    /// The hash of entry ``sequence``.
    package let head: JournalHash
    /// When it was taken, seconds since 1970 (UTC), the platform's time.
    package let time: Int64
    /// The first ``prefixLength`` bytes of the hash of every entry from ``first`` through ``sequence``, in
    /// order: what locates the first rewritten entry between two checkpoints.
    package let entryPrefixes: [UInt8]
    /// The platform key's ECDSA P-256 signature (DER) over ``signedBytes``.
    package let signature: [UInt8]
    /// An RFC 3161 token over SHA-256(``signature``), as CAdES stamps a signature; `nil` without a TSA.
    package let timestampToken: [UInt8]?

    package init(
        first: Int64, sequence: Int64, head: JournalHash, time: Int64, entryPrefixes: [UInt8], signature: [UInt8],
        timestampToken: [UInt8]?
    ) {
        self.first = first
        self.sequence = sequence
        self.head = head
        self.time = time
        self.entryPrefixes = entryPrefixes
        self.signature = signature
        self.timestampToken = timestampToken
    }

    package static let prefixLength = 8

    /// A new checkpoint of entries `first` through `sequence`, whose hashes are `hashes`, signed with `key`.
    package static func sign(
        first: Int64, hashes: [JournalHash], time: Int64, with key: P256.Signing.PrivateKey
    ) throws -> JournalCheckpoint {
        guard let head = hashes.last else { throw JournalCheckpointError.nothingToCheckpoint }
        let prefixes = hashes.flatMap { $0.bytes.prefix(prefixLength) }
        let sequence = first + Int64(hashes.count) - 1
        let bytes = signedBytes(first: first, sequence: sequence, head: head, time: time, entryPrefixes: prefixes)
        return JournalCheckpoint(
            first: first, sequence: sequence, head: head, time: time, entryPrefixes: prefixes,
            signature: Array(try key.signature(for: bytes).derRepresentation), timestampToken: nil)
    }

    /// The same checkpoint with its time-stamp token.
    package func stamped(_ token: [UInt8]) -> JournalCheckpoint {
        JournalCheckpoint(
            first: first, sequence: sequence, head: head, time: time, entryPrefixes: entryPrefixes,
            signature: signature, timestampToken: token)
    }

    /// Whether `key` signed this very checkpoint.
    package func isSigned(by key: P256.Signing.PublicKey) -> Bool {
        guard let signature = try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
        return key.isValidSignature(signature, for: signedBytes)
    }

    /// Whether the fields agree with each other: one prefix per entry, the last one the head's.
    package var isWellFormed: Bool {
        first >= 1 && sequence >= first
            && Int64(entryPrefixes.count) == (sequence - first + 1) * Int64(Self.prefixLength)
            && Array(entryPrefixes.suffix(Self.prefixLength)) == Array(head.bytes.prefix(Self.prefixLength))
    }

    /// The prefix vouched for entry `entry`, `nil` outside ``first``...``sequence``.
    package func prefix(of entry: Int64) -> ArraySlice<UInt8>? {
        guard (first...sequence).contains(entry) else { return nil }
        let start = Int(entry - first) * Self.prefixLength
        return entryPrefixes[start..<start + Self.prefixLength]
    }

    /// The signed bytes (version 1):
    ///
    /// ```
    /// "sceau-journal-checkpoint/1" ‖ 0x00 ‖ u64 first ‖ u64 sequence ‖ head (32 bytes) ‖ i64 time
    ///   ‖ u32 n ‖ entry prefixes (n bytes)
    /// ```
    /// Integers big-endian.
    package var signedBytes: [UInt8] {
        Self.signedBytes(first: first, sequence: sequence, head: head, time: time, entryPrefixes: entryPrefixes)
    }

    private static func signedBytes(
        first: Int64, sequence: Int64, head: JournalHash, time: Int64, entryPrefixes: [UInt8]
    ) -> [UInt8] {
        var bytes = Array("sceau-journal-checkpoint/1".utf8) + [0]
        for value in [UInt64(bitPattern: first), UInt64(bitPattern: sequence)] { bytes += bigEndian(value, 8) }
        bytes += head.bytes
        bytes += bigEndian(UInt64(bitPattern: time), 8)
        bytes += bigEndian(UInt64(entryPrefixes.count), 4)
        return bytes + entryPrefixes
    }

    private static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }
}

extension JournalCheckpoint {
    /// A checkpoint as one line of the export file and one row of the database: JSON, sorted keys.
    package struct Record: Codable, Equatable {
        package var version = 1
        package let first: Int64
        package let sequence: Int64
        package let head: String
        package let time: Int64
        /// ``JournalCheckpoint/entryPrefixes`` in hexadecimal.
        package let entries: String
        /// Base64.
        package let signature: String
        /// Base64; absent without a TSA.
        package let timestampToken: String?
    }

    package var record: Record {
        Record(
            first: first, sequence: sequence, head: head.description, time: time, entries: entryPrefixes.hex,
            signature: Data(signature).base64EncodedString(),
            timestampToken: timestampToken.map { Data($0).base64EncodedString() })
    }

    package init?(_ record: Record) {
        guard record.version == 1, let head = JournalHash(hex: record.head),
            let entries = JournalHash.bytes(hex: record.entries),
            let signature = Data(base64Encoded: record.signature)
        else { return nil }
        var token: [UInt8]?
        if let text = record.timestampToken {
            guard let der = Data(base64Encoded: text) else { return nil }
            token = Array(der)
        }
        self.init(
            first: record.first, sequence: record.sequence, head: head, time: record.time, entryPrefixes: entries,
            signature: Array(signature), timestampToken: token)
    }

    /// The export file's line for this checkpoint, newline included.
    package var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(record)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// The checkpoint a line of the export file holds, `nil` when the line is not one (a torn write).
    package init?(line: some StringProtocol) {
        guard let record = try? JSONDecoder().decode(Record.self, from: Data(line.utf8)) else { return nil }
        self.init(record)
    }
}

/// Where a checkpoint was read, as verification names it.
package enum JournalCheckpointSource: Hashable, Sendable, CustomStringConvertible {
    case database
    case file(path: String, line: Int)

    package var description: String {
        switch self {
        case .database: "the database"
        case .file(let path, let line): "\(path) line \(line)"
        }
    }
}

/// Why a checkpoint cannot be taken or used.
package enum JournalCheckpointError: Error, Equatable, CustomStringConvertible {
    case nothingToCheckpoint

    package var description: String {
        switch self {
        case .nothingToCheckpoint:
            "No journal entry since the last checkpoint: there is nothing to checkpoint."
        }
    }
}
