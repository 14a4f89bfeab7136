import CZlib
import Foundation

/// Reads a ZIP archive from a file without trusting it: the central directory (ZIP64 included) is read
/// first and refused when an entry's name is absolute or climbs out (`..`), when two names collide, when an
/// entry is encrypted or uses a method other than stored or deflate, or when an entry claims an absurd
/// expansion ratio; entries are then streamed, with their size and CRC-32 checked and inflation stopped as
/// soon as it passes the declared size.
public final class ZIPReader {
    /// Limits on what an archive may claim.
    public struct Limits: Sendable {
        /// The most entries.
        public var maximumEntries = 10_000
        /// The largest ratio of expanded to compressed size of one entry.
        public var maximumRatio: UInt64 = 100
        /// Entries smaller than this once expanded are not held to the ratio.
        public var ratioFloor: UInt64 = 1 << 20
        /// The largest central directory.
        public var maximumDirectorySize = 16 << 20

        public init() {}
    }

    public let entries: [ZIPArchiveEntry]
    private let handle: FileHandle
    private let size: UInt64

    public init(fileAt url: URL, limits: Limits = Limits()) throws(ZIPArchiveError) {
        do {
            handle = try FileHandle(forReadingFrom: url)
            size = try handle.seekToEnd()
        } catch {
            throw .unreadable("\(url.lastPathComponent) cannot be opened: \(error.localizedDescription)")
        }
        let entries: [ZIPArchiveEntry]
        do throws(ZIPArchiveError) {
            entries = try Self.centralDirectory(handle: handle, size: size, limits: limits)
        } catch {
            try? handle.close()
            throw error
        }
        self.entries = entries
    }

    deinit { try? handle.close() }

    /// The entry named `name`, if any.
    public func entry(named name: String) -> ZIPArchiveEntry? { entries.first { $0.name == name } }

    /// The length of the extra field in `entry`'s local header (the central directory's may differ).
    public func localExtraFieldLength(of entry: ZIPArchiveEntry) throws(ZIPArchiveError) -> Int {
        Int(try localHeader(of: entry).zipLE16(28))
    }

    /// The whole of a small entry; refuses one larger than `maximumSize`.
    public func contents(of entry: ZIPArchiveEntry, maximumSize: Int) throws(ZIPArchiveError) -> [UInt8] {
        guard entry.uncompressedSize <= UInt64(maximumSize) else { throw .expansion(entry.name) }
        var bytes: [UInt8] = []
        try stream(entry) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Gives `entry`'s expanded bytes to `body` in chunks, then checks its size and CRC-32.
    public func stream(
        _ entry: ZIPArchiveEntry, chunkSize: Int = 1 << 20, _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws(ZIPArchiveError) {
        let header = try localHeader(of: entry)
        let dataStart =
            entry.localHeaderOffset + 30 + UInt64(header.zipLE16(26)) + UInt64(header.zipLE16(28))
        guard dataStart + entry.compressedSize <= size else { throw .unreadable("\(entry.name) runs past the end") }
        var crc = CRC32()
        var produced: UInt64 = 0
        var remaining = entry.compressedSize
        func deliver(_ chunk: UnsafeRawBufferPointer) throws(ZIPArchiveError) {
            produced += UInt64(chunk.count)
            guard produced <= entry.uncompressedSize else { throw .expansion(entry.name) }
            crc.update(chunk)
            do { try body(chunk) } catch let error as ZIPArchiveError { throw error } catch {
                throw .unreadable("\(entry.name): \(error)")
            }
        }
        func nextCompressed() throws(ZIPArchiveError) -> [UInt8] {
            let count = Int(min(UInt64(chunkSize), remaining))
            guard count > 0 else { return [] }
            let chunk = try read(at: dataStart + (entry.compressedSize - remaining), count: count)
            guard chunk.count == count else { throw .unreadable("\(entry.name) is truncated") }
            remaining -= UInt64(count)
            return chunk
        }
        switch entry.method {
        case 0:
            while remaining > 0 {
                let chunk = try nextCompressed()
                try chunk.withZIPBytes { (raw) throws(ZIPArchiveError) in try deliver(raw) }
            }
        case 8:
            let inflater = ZIPInflater()
            guard inflater.start() else { throw .unreadable("zlib could not start") }
            var finished = false
            while !finished {
                let input = try nextCompressed()
                finished = try inflater.inflate(input, isLast: remaining == 0, name: entry.name, deliver)
                if !finished, remaining == 0, input.isEmpty { throw .corrupted(entry.name) }
            }
        default:
            throw .unsupportedMethod(name: entry.name, method: entry.method)
        }
        guard produced == entry.uncompressedSize, crc.value == entry.crc32 else { throw .corrupted(entry.name) }
    }

    private func localHeader(of entry: ZIPArchiveEntry) throws(ZIPArchiveError) -> [UInt8] {
        let header = try read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, header.zipLE32(0) == 0x0403_4B50 else {
            throw .unreadable("the local header of \(entry.name) is damaged")
        }
        let nameLength = Int(header.zipLE16(26))
        let name = try read(at: entry.localHeaderOffset + 30, count: nameLength)
        guard name == Array(entry.name.utf8) || Self.decodeName(name) == entry.name else {
            throw .unreadable("the local header of \(entry.name) names another file")
        }
        if header.zipLE16(6) & 0x0041 != 0 { throw .encrypted(entry.name) }
        return header
    }

    private func read(at offset: UInt64, count: Int) throws(ZIPArchiveError) -> [UInt8] {
        Self.read(handle, at: offset, count: count)
    }

    private static func read(_ handle: FileHandle, at offset: UInt64, count: Int) -> [UInt8] {
        guard count > 0, (try? handle.seek(toOffset: offset)) != nil else { return [] }
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }

    private static func centralDirectory(
        handle: FileHandle, size: UInt64, limits: Limits
    ) throws(ZIPArchiveError) -> [ZIPArchiveEntry] {
        let tailSize = Int(min(size, 22 + 65_535))
        let tailStart = size - UInt64(tailSize)
        let tail = read(handle, at: tailStart, count: tailSize)
        guard let end = endRecord(in: tail) else { throw .unreadable("no end of central directory") }
        var count = UInt64(tail.zipLE16(end + 10))
        var directorySize = UInt64(tail.zipLE32(end + 12))
        var directoryOffset = UInt64(tail.zipLE32(end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64 end of central directory locator, just before the end record.
            guard end >= 20, tail.zipLE32(end - 20) == 0x0706_4B50 else {
                throw .unreadable("ZIP64 locator missing")
            }
            let recordOffset = tail.zipLE64(end - 12)
            let record = read(handle, at: recordOffset, count: 56)
            guard record.count == 56, record.zipLE32(0) == 0x0606_4B50 else {
                throw .unreadable("ZIP64 end record damaged")
            }
            count = record.zipLE64(32)
            directorySize = record.zipLE64(40)
            directoryOffset = record.zipLE64(48)
        }
        guard count <= UInt64(limits.maximumEntries) else { throw .tooManyEntries(Int(min(count, UInt64(Int.max)))) }
        guard directorySize <= UInt64(limits.maximumDirectorySize), directoryOffset + directorySize <= size else {
            throw .unreadable("the central directory lies outside the archive")
        }
        let directory = read(handle, at: directoryOffset, count: Int(directorySize))
        guard directory.count == Int(directorySize) else { throw .unreadable("the central directory is truncated") }
        var entries: [ZIPArchiveEntry] = []
        var seen: Set<String> = []
        var position = 0
        for index in 0..<Int(count) {
            guard position + 46 <= directory.count, directory.zipLE32(position) == 0x0201_4B50 else {
                throw .unreadable("central directory entry \(index + 1) is damaged")
            }
            let nameLength = Int(directory.zipLE16(position + 28))
            let extraLength = Int(directory.zipLE16(position + 30))
            let commentLength = Int(directory.zipLE16(position + 32))
            let next = position + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else {
                throw .unreadable("central directory entry \(index + 1) is truncated")
            }
            let name = decodeName(Array(directory[(position + 46)..<(position + 46 + nameLength)]))
            var uncompressed = UInt64(directory.zipLE32(position + 24))
            var compressed = UInt64(directory.zipLE32(position + 20))
            var offset = UInt64(directory.zipLE32(position + 42))
            let extra = Array(directory[(position + 46 + nameLength)..<(position + 46 + nameLength + extraLength)])
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
                guard let fields = zip64Fields(extra) else { throw .unreadable("\(name) lacks its ZIP64 sizes") }
                var cursor = 0
                func take() -> UInt64? {
                    guard cursor + 8 <= fields.count else { return nil }
                    defer { cursor += 8 }
                    return fields.zipLE64(cursor)
                }
                if uncompressed == 0xFFFF_FFFF { uncompressed = take() ?? 0 }
                if compressed == 0xFFFF_FFFF { compressed = take() ?? 0 }
                if offset == 0xFFFF_FFFF { offset = take() ?? UInt64.max }
            }
            let entry = ZIPArchiveEntry(
                name: name, flags: directory.zipLE16(position + 8), method: directory.zipLE16(position + 10),
                crc32: directory.zipLE32(position + 16), compressedSize: compressed, uncompressedSize: uncompressed,
                localHeaderOffset: offset, index: index)
            guard ZIPName.isSafe(name) else { throw .unsafePath(name) }
            guard seen.insert(ZIPName.collisionKey(name)).inserted else { throw .duplicateName(name) }
            if entry.isEncrypted || entry.method == 99 { throw .encrypted(name) }
            guard entry.method == 0 || entry.method == 8 else {
                throw .unsupportedMethod(name: name, method: entry.method)
            }
            if entry.method == 0, compressed != uncompressed { throw .corrupted(name) }
            if uncompressed > limits.ratioFloor, uncompressed / max(compressed, 1) > limits.maximumRatio {
                throw .expansion(name)
            }
            guard offset < directoryOffset, compressed <= directoryOffset - offset else {
                throw .unreadable("\(name) lies outside the archive's data")
            }
            entries.append(entry)
            position = next
        }
        return entries
    }

    /// The data of the ZIP64 extended information extra field (header 0x0001).
    private static func zip64Fields(_ extra: [UInt8]) -> [UInt8]? {
        var position = 0
        while position + 4 <= extra.count {
            let id = extra.zipLE16(position)
            let length = Int(extra.zipLE16(position + 2))
            guard position + 4 + length <= extra.count else { return nil }
            if id == 0x0001 { return Array(extra[(position + 4)..<(position + 4 + length)]) }
            position += 4 + length
        }
        return nil
    }

    private static func endRecord(in tail: [UInt8]) -> Int? {
        guard tail.count >= 22 else { return nil }
        var index = tail.count - 22
        while index >= 0 {
            if tail.zipLE32(index) == 0x0605_4B50, index + 22 + Int(tail.zipLE16(index + 20)) <= tail.count {
                return index
            }
            index -= 1
        }
        return nil
    }

    /// UTF-8 when valid, else the bytes as Latin-1.
    static func decodeName(_ bytes: [UInt8]) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
