/// One entry of a ZIP archive's central directory (APPNOTE.TXT 4.3.12), ZIP64 sizes resolved.
public struct ZIPArchiveEntry: Sendable, Equatable {
    /// The path inside the archive, `/`-separated; a folder ends with `/`.
    public let name: String
    public let flags: UInt16
    /// 0 stored, 8 deflate.
    public let method: UInt16
    public let crc32: UInt32
    public let compressedSize: UInt64
    public let uncompressedSize: UInt64
    let localHeaderOffset: UInt64
    /// The index of the entry in the central directory (0 for the first).
    public let index: Int

    /// A folder entry, which holds no data.
    public var isDirectory: Bool { name.hasSuffix("/") }
    /// Bit 0 (encrypted) or bit 6 (strong encryption) of the general purpose flags.
    public var isEncrypted: Bool { flags & 0x0041 != 0 }
}
