/// The plan of an archive holding some entries of another, copied without recompression: each entry's local
/// header is rebuilt from the central directory (sizes and CRC stated, no data descriptor), its compressed data
/// is a byte range of the original, then a new central directory and end record follow.
package struct ZIPSubset: Sendable, Equatable {
    /// A piece of the new archive: bytes made here, or a range of the original archive.
    package enum Segment: Sendable, Equatable {
        case bytes([UInt8])
        case original(Range<Int64>)

        package var count: Int64 {
            switch self {
            case .bytes(let bytes): Int64(bytes.count)
            case .original(let range): range.upperBound - range.lowerBound
            }
        }
    }

    package let segments: [Segment]

    package var size: Int64 { segments.reduce(0) { $0 + $1.count } }

    /// The plan for `entries` of the archive in `source` (the local headers are read to find where each entry's
    /// data starts).
    package init(entries: [ZIPEntry], of source: some ZIPSource) throws(ZIPError) {
        var segments: [Segment] = []
        var directory: [UInt8] = []
        var offset: Int64 = 0
        for entry in entries {
            let local: [UInt8]
            do { local = try source.read(at: entry.localHeaderOffset, count: 30) } catch {
                throw .unreadable("lecture impossible")
            }
            guard local.count == 30, local.le32(0) == 0x0403_4B50 else {
                throw .unreadable("en-tête local de « \(entry.name) » abîmé")
            }
            let dataStart = entry.localHeaderOffset + 30 + Int64(local.le16(26)) + Int64(local.le16(28))
            guard dataStart + entry.compressedSize <= source.size else {
                throw .unreadable("données de « \(entry.name) » hors de l'archive")
            }
            let header = Self.header(entry, central: false, offset: 0)
            segments.append(.bytes(header))
            segments.append(.original(dataStart..<(dataStart + entry.compressedSize)))
            directory += Self.header(entry, central: true, offset: offset)
            offset += Int64(header.count) + entry.compressedSize
        }
        guard offset < 0xFFFF_FFFF, entries.count < 0xFFFF else { throw .zip64 }
        var end: [UInt8] = []
        end.appendLE32(0x0605_4B50)
        end.appendLE16(0)
        end.appendLE16(0)
        end.appendLE16(UInt16(entries.count))
        end.appendLE16(UInt16(entries.count))
        end.appendLE32(UInt32(directory.count))
        end.appendLE32(UInt32(offset))
        end.appendLE16(0)
        segments.append(.bytes(directory + end))
        self.segments = segments
    }

    /// A local (APPNOTE 4.3.7) or central (4.3.12) header of `entry`, without extra field or comment; the data
    /// descriptor flag (bit 3) is cleared since the sizes and CRC are stated.
    private static func header(_ entry: ZIPEntry, central: Bool, offset: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.appendLE32(central ? 0x0201_4B50 : 0x0403_4B50)
        if central { bytes.appendLE16(20) }
        bytes.appendLE16(entry.versionNeeded)
        bytes.appendLE16(entry.flags & ~0x0008)
        bytes.appendLE16(entry.method)
        bytes.appendLE16(entry.modificationTime)
        bytes.appendLE16(entry.modificationDate)
        bytes.appendLE32(entry.crc32)
        bytes.appendLE32(UInt32(entry.compressedSize))
        bytes.appendLE32(UInt32(entry.uncompressedSize))
        bytes.appendLE16(UInt16(entry.rawName.count))
        bytes.appendLE16(0)
        if central {
            bytes.appendLE16(0)  // comment
            bytes.appendLE16(0)  // disk
            bytes.appendLE16(0)  // internal attributes
            bytes.appendLE32(0)  // external attributes
            bytes.appendLE32(UInt32(offset))
        }
        return bytes + entry.rawName
    }
}
