/// A signature found in a PDF, with the facts a validator checks about what it covers
/// (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1).
public struct PDFSignatureInfo: Sendable {
    /// The signature field's fully qualified name.
    public let fieldName: String
    /// The signature dictionary's reference.
    public let reference: PDFReference
    public let filter: String?
    /// /SubFilter: `ETSI.CAdES.detached`, `adbe.pkcs7.detached`...
    public let subFilter: String?
    /// /ByteRange as written (normally `[0, a, b, c]`).
    public let byteRange: [Int]
    /// The /Contents bytes without their zero padding (the DER encoding's own length).
    public let contents: [UInt8]
    /// /M as written (`D:YYYYMMDDHHmmSSOHH'mm'`).
    public let signingTime: String?
    public let signerName: String?
    public let reason: String?
    public let location: String?
    /// The byte range starts at offset 0 and is well formed (two ranges, inside the file).
    public let startsAtZero: Bool
    /// The gap between the two ranges is exactly the /Contents hexadecimal string of the dictionary.
    public let gapIsContents: Bool
    /// The byte range ends at the end of the file.
    public let coversWholeFile: Bool
    /// The byte range ends just after an `%%EOF` marker: it covers a complete revision.
    public let coversRevision: Bool
    /// Incremental updates were appended after the signed revision.
    public let hasLaterUpdates: Bool

    /// The end of the signed revision: where the byte range's second part ends.
    public var signedLength: Int { byteRange.count == 4 ? byteRange[2] + byteRange[3] : 0 }

    /// The DER value at the start of `bytes` (its tag and length say where it ends), or `bytes`
    /// without trailing zeros when it is not DER.
    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.count >= 2, bytes[0] == 0x30 {
            var length = Int(bytes[1])
            var header = 2
            if length & 0x80 != 0 {
                let count = length & 0x7F
                guard count >= 1, count <= 4, bytes.count >= 2 + count else { return bytes }
                length = bytes[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
                header += count
            }
            if header + length <= bytes.count { return Array(bytes[0..<(header + length)]) }
            return bytes
        }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        return Array(bytes[0..<end])
    }
}
