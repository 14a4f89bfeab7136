/// PKCS#11 fixed-width text fields: blank-padded UTF-8, not NUL-terminated.
enum P11Text {
    /// Reads a blank-padded field imported as a tuple of bytes.
    static func string<T>(_ field: T) -> String {
        withUnsafeBytes(of: field) { raw in
            let bytes = raw.prefix { $0 != 0 }
            var end = bytes.endIndex
            while end > bytes.startIndex, bytes[end - 1] == 0x20 { end -= 1 }
            return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
        }
    }
}
