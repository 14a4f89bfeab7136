import NIOCore
import NIOPosix

/// An open stored file, closed when the last ``FileSlice`` or iterator using it goes away.
package final class OpenFile: Sendable {
    package let descriptor: Int32
    package let path: String

    package init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { POSIXFile.release(descriptor) }
}

/// A byte range of a stored file, read in chunks of at most ``chunkSize`` bytes with `pread`: memory use
/// stays bounded whatever the file's size. It can be iterated more than once.
package struct FileSlice: AsyncSequence, Sendable {
    package typealias Element = ByteBuffer

    package let file: OpenFile
    package let hash: ContentHash
    /// The bytes of the file this slice covers.
    package let range: Range<Int64>
    /// The size of the whole file.
    package let fileSize: Int64
    package let chunkSize: Int
    package let threadPool: NIOThreadPool

    package init(
        file: OpenFile, hash: ContentHash, range: Range<Int64>, fileSize: Int64, chunkSize: Int,
        threadPool: NIOThreadPool
    ) {
        self.file = file
        self.hash = hash
        self.range = range
        self.fileSize = fileSize
        self.chunkSize = chunkSize
        self.threadPool = threadPool
    }

    /// How many bytes the slice yields.
    package var count: Int64 { range.upperBound - range.lowerBound }

    package func makeAsyncIterator() -> Iterator {
        Iterator(slice: self, position: range.lowerBound)
    }

    package struct Iterator: AsyncIteratorProtocol {
        package let slice: FileSlice
        package var position: Int64

        package init(slice: FileSlice, position: Int64) {
            self.slice = slice
            self.position = position
        }

        package mutating func next() async throws -> ByteBuffer? {
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
