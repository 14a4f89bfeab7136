/// Reads a ZIP archive's central directory (APPNOTE.TXT 4.3.12–4.3.16) without reading the entries' data: the
/// end record is searched in the archive's last 64 Kio, then the directory is read in one piece.
package enum ZIPCentralDirectory {
    /// The largest central directory read (a DCE of 10,000 files with long names stays far below).
    package static let maximumDirectorySize = 16 << 20

    /// The entries of the archive in `source`, in the directory's order.
    package static func entries(of source: some ZIPSource) throws(ZIPError) -> [ZIPEntry] {
        let tailSize = Int(min(source.size, 22 + 65_535))
        let tail: [UInt8]
        do { tail = try source.read(at: source.size - Int64(tailSize), count: tailSize) } catch {
            throw .unreadable("lecture impossible")
        }
        guard let end = endRecord(in: tail) else { throw .unreadable("fin d'archive absente") }
        let count = Int(tail.le16(end + 10))
        let directorySize = Int64(tail.le32(end + 12))
        let directoryOffset = Int64(tail.le32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF { throw .zip64 }
        guard directorySize <= Int64(maximumDirectorySize), directoryOffset + directorySize <= source.size else {
            throw .unreadable("répertoire central hors de l'archive")
        }
        let directory: [UInt8]
        do { directory = try source.read(at: directoryOffset, count: Int(directorySize)) } catch {
            throw .unreadable("lecture impossible")
        }
        var entries: [ZIPEntry] = []
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, directory.le32(position) == 0x0201_4B50 else {
                throw .unreadable("entrée \(entries.count + 1) du répertoire central abîmée")
            }
            let nameLength = Int(directory.le16(position + 28))
            let extraLength = Int(directory.le16(position + 30))
            let commentLength = Int(directory.le16(position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw .unreadable("nom d'entrée tronqué") }
            let compressed = directory.le32(position + 20)
            let uncompressed = directory.le32(position + 24)
            let offset = directory.le32(position + 42)
            if compressed == 0xFFFF_FFFF || uncompressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64 }
            let rawName = Array(directory[(position + 46)..<(position + 46 + nameLength)])
            let flags = directory.le16(position + 8)
            entries.append(
                ZIPEntry(
                    name: decodeName(rawName), versionNeeded: directory.le16(position + 6),
                    flags: flags, method: directory.le16(position + 10),
                    modificationTime: directory.le16(position + 12), modificationDate: directory.le16(position + 14),
                    crc32: directory.le32(position + 16), compressedSize: Int64(compressed),
                    uncompressedSize: Int64(uncompressed), localHeaderOffset: Int64(offset), rawName: rawName))
            position = next
        }
        return entries
    }

    /// The position of the end of central directory record in `tail`, searched from the end; trailing bytes
    /// after it are tolerated.
    private static func endRecord(in tail: [UInt8]) -> Int? {
        guard tail.count >= 22 else { return nil }
        var index = tail.count - 22
        while index >= 0 {
            if tail.le32(index) == 0x0605_4B50, index + 22 + Int(tail.le16(index + 20)) <= tail.count {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// UTF-8 when the archive says so or the bytes are valid UTF-8; else the bytes as Latin-1 (close enough to
    /// the CP437 of old archivers for accents to stay readable).
    private static func decodeName(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}

extension Array where Element == UInt8 {
    /// The little-endian `UInt16` at `index`.
    func le16(_ index: Int) -> UInt16 { UInt16(self[index]) | UInt16(self[index + 1]) << 8 }

    /// The little-endian `UInt32` at `index`.
    func le32(_ index: Int) -> UInt32 {
        UInt32(self[index]) | UInt32(self[index + 1]) << 8 | UInt32(self[index + 2]) << 16
            | UInt32(self[index + 3]) << 24
    }

    mutating func appendLE16(_ value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func appendLE32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
