import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Random access to the bytes of a PDF file (through a small window read on demand) or of a decoded
/// object stream in memory; the file is never loaded whole.
final class PDFByteSource {
    private let handle: FileHandle?
    let count: Int
    private var window: [UInt8]
    private var windowStart: Int
    private static let windowSize = 64 << 10

    /// Opens `url` for reading.
    init(url: URL) throws {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            self.handle = handle
            count = Int(try handle.seekToEnd())
        } catch {
            throw PDFError.io("\(url.path): \(error.localizedDescription)")
        }
        window = []
        windowStart = 0
    }

    /// Bytes already in memory.
    init(bytes: [UInt8]) {
        handle = nil
        count = bytes.count
        window = bytes
        windowStart = 0
    }

    deinit { try? handle?.close() }

    /// The byte at `offset`, or `nil` past the end (or when the file cannot be read).
    func byte(at offset: Int) -> UInt8? {
        if offset >= windowStart, offset < windowStart + window.count { return window[offset - windowStart] }
        guard handle != nil, offset >= 0, offset < count else { return nil }
        guard let loaded = try? read(offset, Self.windowSize) else { return nil }
        window = loaded
        windowStart = offset
        return window.isEmpty ? nil : window[0]
    }

    /// Up to `length` bytes from `offset` (fewer at the end of the source).
    func bytes(at offset: Int, length: Int) throws -> [UInt8] {
        let end = min(count, offset + max(0, length))
        guard offset < end else { return [] }
        if offset >= windowStart, end <= windowStart + window.count {
            return Array(window[(offset - windowStart)..<(end - windowStart)])
        }
        return try read(offset, end - offset)
    }

    private func read(_ offset: Int, _ length: Int) throws -> [UInt8] {
        guard let handle else { return [] }
        do {
            try handle.seek(toOffset: UInt64(offset))
            var result: [UInt8] = []
            result.reserveCapacity(length)
            while result.count < length {
                guard let chunk = try handle.read(upToCount: min(length - result.count, 1 << 20)), !chunk.isEmpty
                else { break }
                result.append(contentsOf: chunk)
            }
            return result
        } catch {
            throw PDFError.io("reading at offset \(offset): \(error.localizedDescription)")
        }
    }

    /// Calls `body` with the bytes of `range`, read with `pread` into one reused 1 MiB buffer.
    func stream(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let handle else {
            let end = min(range.upperBound, count)
            guard range.lowerBound <= end else { return }
            try window[range.lowerBound..<end].withUnsafeBytes { try body($0) }
            return
        }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let wanted = min(buffer.count, range.upperBound - offset)
            let read = pread(handle.fileDescriptor, buffer.baseAddress, wanted, off_t(offset))
            if read < 0, errno == EINTR { continue }
            guard read > 0 else {
                if read < 0 { throw PDFError.io("reading at offset \(offset): \(String(cString: strerror(errno)))") }
                throw PDFError.malformed("the file ends before offset \(range.upperBound)")
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<read]))
            offset += read
        }
    }

    /// The offset of the last occurrence of `pattern` starting in `range`, searched backwards in chunks.
    func lastOccurrence(of pattern: [UInt8], in range: Range<Int>) throws -> Int? {
        var end = range.upperBound
        while end > range.lowerBound {
            let start = max(range.lowerBound, end - (1 << 20))
            let chunk = try bytes(at: start, length: min(range.upperBound, end + pattern.count - 1) - start)
            var index = chunk.count - pattern.count
            while index >= 0 {
                if chunk[index] == pattern[0], chunk[index..<(index + pattern.count)].elementsEqual(pattern) {
                    return start + index
                }
                index -= 1
            }
            end = start
        }
        return nil
    }

    /// The offset of the first occurrence of `pattern` at or after `offset`, searched in chunks.
    func firstOccurrence(of pattern: [UInt8], from offset: Int, limit: Int? = nil) throws -> Int? {
        var start = offset
        let stop = min(count, limit ?? count)
        while start < stop {
            let chunk = try bytes(at: start, length: min(1 << 20, stop - start) + pattern.count - 1)
            if chunk.count >= pattern.count {
                for index in 0...(chunk.count - pattern.count)
                where chunk[index] == pattern[0] && chunk[index..<(index + pattern.count)].elementsEqual(pattern) {
                    return start + index
                }
            }
            start += 1 << 20
        }
        return nil
    }
}
