/// The BER octets Sceau writes around streamed content (X.690 §8.1).
enum BEREncoding {
    /// A constructed element of indefinite length: the identifier then `0x80`.
    static func indefiniteHeader(_ identifier: UInt8) -> [UInt8] { [identifier, 0x80] }

    /// The end-of-contents octets closing an indefinite-length element.
    static let endOfContents: [UInt8] = [0x00, 0x00]

    /// A one-byte identifier and the definite length `length` in the shortest form.
    static func header(_ identifier: UInt8, length: Int) -> [UInt8] {
        guard length >= 0x80 else { return [identifier, UInt8(length)] }
        var octets: [UInt8] = []
        var value = length
        while value > 0 {
            octets.insert(UInt8(value & 0xff), at: 0)
            value >>= 8
        }
        return [identifier, 0x80 | UInt8(octets.count)] + octets
    }

    /// Identifiers used by the sealed structure.
    static let sequence: UInt8 = 0x30
    static let octetString: UInt8 = 0x04
    static let contextZeroConstructed: UInt8 = 0xa0
}
