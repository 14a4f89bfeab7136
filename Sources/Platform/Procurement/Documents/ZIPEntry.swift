/// One entry of a ZIP archive's central directory (APPNOTE.TXT 4.3.12), as the archive states it.
package struct ZIPEntry: Sendable, Equatable {
    /// The path inside the archive, `/`-separated; a folder ends with `/`.
    package let name: String
    package let versionNeeded: UInt16
    package let flags: UInt16
    package let method: UInt16
    package let modificationTime: UInt16
    package let modificationDate: UInt16
    package let crc32: UInt32
    package let compressedSize: Int64
    package let uncompressedSize: Int64
    /// Where the entry's local header starts in the archive.
    package let localHeaderOffset: Int64
    /// The name's bytes as stored (kept verbatim when the entry is copied into another archive).
    package let rawName: [UInt8]

    package init(
        name: String, versionNeeded: UInt16 = 20, flags: UInt16 = 0, method: UInt16 = 0, modificationTime: UInt16 = 0,
        modificationDate: UInt16 = 0, crc32: UInt32 = 0, compressedSize: Int64, uncompressedSize: Int64,
        localHeaderOffset: Int64 = 0, rawName: [UInt8]? = nil
    ) {
        self.name = name
        self.versionNeeded = versionNeeded
        self.flags = flags
        self.method = method
        self.modificationTime = modificationTime
        self.modificationDate = modificationDate
        self.crc32 = crc32
        self.compressedSize = compressedSize
        self.uncompressedSize = uncompressedSize
        self.localHeaderOffset = localHeaderOffset
        self.rawName = rawName ?? Array(name.utf8)
    }

    /// A folder entry (its name ends with `/`), which holds no data.
    package var isDirectory: Bool { name.hasSuffix("/") || name.hasSuffix("\\") }
}
