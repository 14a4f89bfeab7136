/// The `Content-Disposition` of a file the platform serves (RFC 6266): `inline` or `attachment`, the name in
/// ASCII as `filename` (quotes, backslashes and control characters replaced by `_`) and exactly as
/// `filename*` (its UTF-8 bytes, percent-encoded but for RFC 8187's unreserved characters).
package enum ContentDisposition: String, Sendable {
    case inline
    case attachment

    package func header(fileName: String) -> String {
        let ascii = String(
            fileName.unicodeScalars.map {
                $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 && $0.value != 0x7F ? Character($0) : "_"
            })
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        let encoded = fileName.utf8.map { byte in
            unreserved.contains(byte)
                ? String(UnicodeScalar(byte)) : "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
        }.joined()
        return "\(rawValue); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
