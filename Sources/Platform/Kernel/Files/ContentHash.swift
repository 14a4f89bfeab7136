import CoreModel
import Crypto

/// The SHA-256 of a stored file's content, as 64 lowercase hexadecimal digits: its address in the ``FileStore``.
package struct ContentHash: Hashable, Sendable, Codable, CustomStringConvertible {
    /// 64 lowercase hexadecimal digits.
    package let hex: String

    /// Reads 64 hexadecimal digits in either case; `nil` for anything else.
    package init?(hex: String) {
        let lowercase = hex.lowercased()
        let isDigit = { (byte: UInt8) in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
        }
        guard lowercase.utf8.count == 64, lowercase.utf8.allSatisfy(isDigit) else { return nil }
        self.hex = lowercase
    }

    package init(_ digest: SHA256.Digest) {
        self.hex = digest.hex
    }

    /// The hash of `bytes`.
    package static func of(_ bytes: some Sequence<UInt8>) -> ContentHash {
        var hasher = SHA256()
        Array(bytes).withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return ContentHash(hasher.finalize())
    }

    package var description: String { hex }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let hash = ContentHash(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Not a SHA-256 in hexadecimal: \(text)"))
        }
        self = hash
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}

/// A file in the ``FileStore``: its address and its size in bytes.
package struct StoredFile: Hashable, Sendable {
    package let hash: ContentHash
    package let size: Int64

    package init(hash: ContentHash, size: Int64) {
        self.hash = hash
        self.size = size
    }
}
