import NIOCore
import NIOPosix

/// An open stored file, closed when the last ``FileSlice`` or iterator using it goes away.
final class OpenFile: Sendable {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { POSIXFile.release(descriptor) }
}

/// A byte range of a stored file, read in chunks of at most ``chunkSize`` bytes with `pread`: memory use
/// stays bounded whatever the file's size. It can be iterated more than once.
struct FileSlice: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    let file: OpenFile
    let hash: ContentHash
    /// The bytes of the file this slice covers.
    let range: Range<Int64>
    /// The size of the whole file.
    let fileSize: Int64
    let chunkSize: Int
    let threadPool: NIOThreadPool

    /// How many bytes the slice yields.
    var count: Int64 { range.upperBound - range.lowerBound }

    func makeAsyncIterator() -> Iterator {
        Iterator(slice: self, position: range.lowerBound)
    }

    struct Iterator: AsyncIteratorProtocol {
        let slice: FileSlice
        var position: Int64

        mutating func next() async throws -> ByteBuffer? {
            let remaining = slice.range.upperBound - position
            guard remaining > 0 else { return nil }
            let wanted = Int(Swift.min(Int64(slice.chunkSize), remaining))
            let file = slice.file
            let offset = position
            let chunk = try await slice.threadPool.runIfActive {
                var buffer = ByteBufferAllocator().buffer(capacity: wanted)
                _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { bytes in
                    try POSIXFile.read(
                        file.descriptor, into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<wanted]), at: offset,
                        path: file.path)
                }
                return buffer
            }
            guard chunk.readableBytes == wanted else { throw FileStoreError.truncated(slice.hash) }
            position += Int64(wanted)
            return chunk
        }
    }
}
