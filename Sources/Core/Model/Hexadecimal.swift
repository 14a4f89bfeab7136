extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal digits, two a byte (`[0x0a, 0xff].hex == "0aff"`): hashes, key
    /// ids, tokens, everywhere both programs write bytes as text.
    public var hex: String {
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

private let hexDigits = Array("0123456789abcdef".utf8)
