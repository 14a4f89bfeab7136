/// A signature found in a PDF, with the facts a validator checks about what it covers
/// (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.1).
public struct PDFSignatureInfo: Sendable {
    /// The signature field's fully qualified name.
    public let fieldName: String
    /// The signature dictionary's reference.
    public let reference: PDFReference
    /// /Type: `Sig`, or `DocTimeStamp` for a document time-stamp.
    public let type: String?
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

    /// The BER/DER value at the start of `bytes` (its tag and length, or its end-of-contents marker
    /// when the length is indefinite, say where it ends), or `bytes` without trailing zeros when it
    /// is not one.
    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        if bytes.first == 0x30, let end = berEnd(bytes, from: 0, depth: 0) { return Array(bytes[0..<end]) }
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0 { end -= 1 }
        return Array(bytes[0..<end])
    }

    /// The offset just after the BER value starting at `start`.
    private static func berEnd(_ bytes: [UInt8], from start: Int, depth: Int) -> Int? {
        guard depth < 64, start + 2 <= bytes.count else { return nil }
        var cursor = start + 1
        if bytes[start] & 0x1F == 0x1F {
            while cursor < bytes.count, bytes[cursor] & 0x80 != 0 { cursor += 1 }
            cursor += 1
        }
        guard cursor < bytes.count else { return nil }
        let first = Int(bytes[cursor])
        cursor += 1
        if first == 0x80 {
            guard bytes[start] & 0x20 != 0 else { return nil }
            while cursor + 2 <= bytes.count {
                if bytes[cursor] == 0, bytes[cursor + 1] == 0 { return cursor + 2 }
                guard let next = berEnd(bytes, from: cursor, depth: depth + 1) else { return nil }
                cursor = next
            }
            return nil
        }
        var length = first
        if first & 0x80 != 0 {
            let count = first & 0x7F
            guard count >= 1, count <= 4, cursor + count <= bytes.count else { return nil }
            length = bytes[cursor..<(cursor + count)].reduce(0) { $0 << 8 | Int($1) }
            cursor += count
        }
        return cursor + length <= bytes.count ? cursor + length : nil
    }
}
