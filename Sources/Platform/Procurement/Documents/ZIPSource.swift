import Foundation

/// Random access to the bytes of a ZIP archive: a stored file, or bytes in memory (tests).
package protocol ZIPSource {
    var size: Int64 { get }
    /// `count` bytes at `offset`; fewer only at the end of the archive.
    func read(at offset: Int64, count: Int) throws -> [UInt8]
}

/// An archive in memory.
package struct ZIPBytes: ZIPSource {
    package let bytes: [UInt8]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    package var size: Int64 { Int64(bytes.count) }

    package func read(at offset: Int64, count: Int) throws -> [UInt8] {
        guard offset >= 0, offset <= size else { return [] }
        let start = Int(offset)
        return Array(bytes[start..<min(bytes.count, start + count)])
    }
}

/// An archive in a file, read with seeks (the central directory only, never the whole archive).
package final class ZIPFile: ZIPSource {
    private let handle: FileHandle
    package let size: Int64

    package init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ZIPError.unreadable("le fichier \(path) ne s'ouvre pas")
        }
        self.handle = handle
        size = Int64(try handle.seekToEnd())
    }

    deinit { try? handle.close() }

    package func read(at offset: Int64, count: Int) throws -> [UInt8] {
        try handle.seek(toOffset: UInt64(offset))
        return Array(try handle.read(upToCount: count) ?? Data())
    }
}
