import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a ZIP archive front to back in bounded memory: each entry's data is copied chunk by chunk
/// with its CRC-32 computed on the way, then patched into the local header (the sizes are known before,
/// so no data descriptor). Entries are stored, not compressed: signed documents are mostly PDFs and
/// office files, compressed already, and storing keeps archives of several gigabytes at disk speed.
/// ZIP64 fields are written only when an entry, an offset or the entry count needs them; no other extra
/// field is written.
public final class ZIPWriter {
    public let path: String
    private var descriptor: Int32
    private var offset: UInt64 = 0
    private var centralDirectory: [UInt8] = []
    private var count: UInt64 = 0
    private var names: Set<String> = []
    private var current: OpenEntry?
    private let time: (date: UInt16, time: UInt16)

    /// The bytes copied per step when an entry comes from a file.
    public static let chunkSize = 1 << 20

    /// Creates the archive at `url`; fails if a file is there already.
    public init(creatingFileAt url: URL, modified: Date = Date()) throws(ZIPArchiveError) {
        path = url.path
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        time = Self.dosTime(modified)
        guard descriptor >= 0 else {
            throw .writeFailed(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Adds an entry holding `bytes`.
    public func add(name: String, bytes: [UInt8]) throws(ZIPArchiveError) {
        try beginEntry(name: name, size: UInt64(bytes.count))
        try bytes.withZIPBytes { (raw) throws(ZIPArchiveError) in try append(raw) }
        try endEntry()
    }

    /// Adds an entry with the contents of the file at `url`, read in chunks; `observe` sees each chunk
    /// (to digest the file in the same pass).
    public func add(
        name: String, fileAt url: URL, observe: (UnsafeRawBufferPointer) -> Void = { _ in }
    ) throws(ZIPArchiveError) {
        let handle: FileHandle
        let size: UInt64
        do {
            handle = try FileHandle(forReadingFrom: url)
            size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
        } catch {
            throw .writeFailed(path: path, reason: "\(url.path) cannot be read: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        try beginEntry(name: name, size: size)
        while true {
            let data: Data
            do {
                guard let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty else { break }
                data = chunk
            } catch {
                throw .writeFailed(path: path, reason: "\(url.path) cannot be read: \(error.localizedDescription)")
            }
            let chunk = [UInt8](data)
            try chunk.withZIPBytes { (raw) throws(ZIPArchiveError) in
                observe(raw)
                try append(raw)
            }
        }
        try endEntry()
    }

    /// Starts an entry of exactly `size` bytes, to be given with ``append(_:)`` and closed with ``endEntry()``.
    public func beginEntry(name: String, size: UInt64) throws(ZIPArchiveError) {
        guard current == nil else { throw .writeFailed(path: path, reason: "an entry is still open") }
        guard ZIPName.isSafe(name) else { throw .unsafePath(name) }
        guard names.insert(ZIPName.collisionKey(name)).inserted else { throw .duplicateName(name) }
        let nameBytes = Array(name.utf8)
        let large = size >= 0xFFFF_FFFF
        let start = offset
        var header: [UInt8] = []
        header.appendZIP32(0x0403_4B50)
        header.appendZIP16(large ? 45 : 20)
        header.appendZIP16(Self.flags(name))
        header.appendZIP16(0)  // stored
        header.appendZIP16(time.time)
        header.appendZIP16(time.date)
        header.appendZIP32(0)  // CRC-32, patched by endEntry
        header.appendZIP32(large ? 0xFFFF_FFFF : UInt32(size))
        header.appendZIP32(large ? 0xFFFF_FFFF : UInt32(size))
        header.appendZIP16(UInt16(nameBytes.count))
        header.appendZIP16(large ? 20 : 0)
        header += nameBytes
        if large {
            header.appendZIP16(0x0001)
            header.appendZIP16(16)
            header.appendZIP64(size)
            header.appendZIP64(size)
        }
        try write(header)
        current = OpenEntry(name: name, nameBytes: nameBytes, size: size, start: start)
    }

    /// Adds bytes to the open entry, computing its CRC-32 on the way.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(ZIPArchiveError) {
        guard var entry = current else { throw .writeFailed(path: path, reason: "no entry is open") }
        entry.written += UInt64(bytes.count)
        guard entry.written <= entry.size else {
            throw .writeFailed(path: path, reason: "\(entry.name) grew while it was being copied")
        }
        entry.crc.update(bytes)
        current = entry
        try write(bytes)
    }

    /// Closes the open entry: its CRC-32 goes into the local header, its record into the central directory.
    public func endEntry() throws(ZIPArchiveError) {
        guard let entry = current else { throw .writeFailed(path: path, reason: "no entry is open") }
        current = nil
        guard entry.written == entry.size else {
            throw .writeFailed(path: path, reason: "\(entry.name) shrank while it was being copied")
        }
        var crcBytes: [UInt8] = []
        crcBytes.appendZIP32(entry.crc.value)
        try write(crcBytes, at: entry.start + 14)
        appendCentralEntry(
            nameBytes: entry.nameBytes, flags: Self.flags(entry.name), crc: entry.crc.value, size: entry.size,
            localOffset: entry.start)
        count += 1
    }

    private struct OpenEntry {
        let name: String
        let nameBytes: [UInt8]
        let size: UInt64
        let start: UInt64
        var written: UInt64 = 0
        var crc = CRC32()
    }

    /// Writes the central directory and closes the archive.
    public func finish() throws(ZIPArchiveError) {
        guard current == nil else { throw .writeFailed(path: path, reason: "an entry is still open") }
        let directoryOffset = offset
        try write(centralDirectory)
        let directorySize = UInt64(centralDirectory.count)
        var end: [UInt8] = []
        let needs64 = count >= 0xFFFF || directoryOffset >= 0xFFFF_FFFF || directorySize >= 0xFFFF_FFFF
        if needs64 {
            let recordOffset = offset
            end.appendZIP32(0x0606_4B50)
            end.appendZIP64(44)
            end.appendZIP16(Self.madeBy)
            end.appendZIP16(45)
            end.appendZIP32(0)
            end.appendZIP32(0)
            end.appendZIP64(count)
            end.appendZIP64(count)
            end.appendZIP64(directorySize)
            end.appendZIP64(directoryOffset)
            end.appendZIP32(0x0706_4B50)
            end.appendZIP32(0)
            end.appendZIP64(recordOffset)
            end.appendZIP32(1)
        }
        end.appendZIP32(0x0605_4B50)
        end.appendZIP16(0)
        end.appendZIP16(0)
        end.appendZIP16(UInt16(min(count, 0xFFFF)))
        end.appendZIP16(UInt16(min(count, 0xFFFF)))
        end.appendZIP32(UInt32(min(directorySize, 0xFFFF_FFFF)))
        end.appendZIP32(UInt32(min(directoryOffset, 0xFFFF_FFFF)))
        end.appendZIP16(0)
        try write(end)
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            descriptor = -1
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        descriptor = -1
    }

    /// Closes and removes an unfinished archive.
    public func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(path)
    }

    private func appendCentralEntry(nameBytes: [UInt8], flags: UInt16, crc: UInt32, size: UInt64, localOffset: UInt64) {
        var extra: [UInt8] = []
        if size >= 0xFFFF_FFFF {
            extra.appendZIP64(size)
            extra.appendZIP64(size)
        }
        if localOffset >= 0xFFFF_FFFF { extra.appendZIP64(localOffset) }
        var zip64: [UInt8] = []
        if !extra.isEmpty {
            zip64.appendZIP16(0x0001)
            zip64.appendZIP16(UInt16(extra.count))
            zip64 += extra
        }
        var entry: [UInt8] = []
        entry.appendZIP32(0x0201_4B50)
        entry.appendZIP16(Self.madeBy)
        entry.appendZIP16(zip64.isEmpty ? 20 : 45)
        entry.appendZIP16(flags)
        entry.appendZIP16(0)
        entry.appendZIP16(time.time)
        entry.appendZIP16(time.date)
        entry.appendZIP32(crc)
        entry.appendZIP32(UInt32(min(size, 0xFFFF_FFFF)))
        entry.appendZIP32(UInt32(min(size, 0xFFFF_FFFF)))
        entry.appendZIP16(UInt16(nameBytes.count))
        entry.appendZIP16(UInt16(zip64.count))
        entry.appendZIP16(0)  // comment
        entry.appendZIP16(0)  // disk
        entry.appendZIP16(0)  // internal attributes
        entry.appendZIP32(0o100644 << 16)  // a regular file, rw-r--r--
        entry.appendZIP32(UInt32(min(localOffset, 0xFFFF_FFFF)))
        centralDirectory += entry + nameBytes + zip64
    }

    private func write(_ bytes: [UInt8]) throws(ZIPArchiveError) {
        try bytes.withZIPBytes { (raw) throws(ZIPArchiveError) in try write(raw) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) throws(ZIPArchiveError) {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let result = Glibc.write(descriptor, base + done, bytes.count - done)
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
            done += result
        }
        offset += UInt64(bytes.count)
    }

    private func write(_ bytes: [UInt8], at position: UInt64) throws(ZIPArchiveError) {
        let result = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress!, $0.count, off_t(position)) }
        guard result == bytes.count else {
            throw .writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Unix host (3), APPNOTE 4.5.
    private static let madeBy: UInt16 = 3 << 8 | 45

    /// Bit 11 when the name is not plain ASCII: the name is UTF-8 (APPNOTE appendix D).
    private static func flags(_ name: String) -> UInt16 { name.utf8.allSatisfy { $0 < 0x80 } ? 0 : 0x0800 }

    private static func dosTime(_ date: Date) -> (date: UInt16, time: UInt16) {
        let parts = Calendar(identifier: .gregorian).dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(1980, min(2107, parts.year ?? 1980))
        let day = UInt16(year - 1980) << 9 | UInt16(parts.month ?? 1) << 5 | UInt16(parts.day ?? 1)
        let time = UInt16(parts.hour ?? 0) << 11 | UInt16(parts.minute ?? 0) << 5 | UInt16((parts.second ?? 0) / 2)
        return (day, time)
    }
}
