import Crypto

/// A SHA-256 value of the journal chain, written as 64 lowercase hexadecimal digits.
package struct JournalHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the digest.
    package let bytes: [UInt8]

    /// What the first entry chains to: 32 zero bytes.
    package static let genesis = JournalHash(validated: [UInt8](repeating: 0, count: 32))

    private init(validated bytes: [UInt8]) { self.bytes = bytes }

    /// SHA-256 of `previous ‖ encoding`: the hash of an entry whose canonical encoding is `encoding`.
    package static func chaining(_ previous: JournalHash, _ encoding: [UInt8]) -> JournalHash {
        var hasher = SHA256()
        previous.bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        encoding.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return JournalHash(validated: Array(hasher.finalize()))
    }

    /// Reads 64 hexadecimal digits; `nil` for anything else.
    package init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Self.bytes(hex: hex) else { return nil }
        self.bytes = bytes
    }

    /// The bytes an even number of hexadecimal digits write; `nil` for anything else.
    package static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    package var description: String {
        bytes.hex
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
