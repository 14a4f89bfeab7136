/// Little-endian fields of ZIP records (APPNOTE.TXT 4.3).
extension Array where Element == UInt8 {
    func zipLE16(_ index: Int) -> UInt16 { UInt16(self[index]) | UInt16(self[index + 1]) << 8 }

    func zipLE32(_ index: Int) -> UInt32 {
        UInt32(self[index]) | UInt32(self[index + 1]) << 8 | UInt32(self[index + 2]) << 16
            | UInt32(self[index + 3]) << 24
    }

    func zipLE64(_ index: Int) -> UInt64 { UInt64(zipLE32(index)) | UInt64(zipLE32(index + 4)) << 32 }

    mutating func appendZIP16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func appendZIP32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    mutating func appendZIP64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` keeping the typed error of `body`.
    func withZIPBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(ZIPArchiveError) -> R
    ) throws(ZIPArchiveError) -> R {
        var outcome: Result<R, ZIPArchiveError>?
        withUnsafeBytes { raw in
            do throws(ZIPArchiveError) { outcome = .success(try body(raw)) } catch { outcome = .failure(error) }
        }
        guard let outcome else { throw .unreadable("internal error") }
        return try outcome.get()
    }
}
