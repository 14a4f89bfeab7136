/// Where a ``BERStreamReader`` takes its bytes from: a file read front to back (``InputFile``), or bytes
/// already in memory (``ByteArraySource``, e.g. the first bytes of a pli fetched by a range request).
protocol BERByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; returns how many were read, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes in memory read as a stream: their end is the end of the stream.
final class ByteArraySource: BERByteSource {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + count]))
        }
        position += count
        return count
    }
}
