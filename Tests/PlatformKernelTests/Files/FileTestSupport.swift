import Foundation
import NIOCore
import PlatformTestSupport

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// A fresh directory under the system's temporary directory for the duration of `body`, removed after.
func withTemporaryDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-files-\(UUID())").path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try await body(directory)
}

/// `count` pseudo-random bytes, the same for the same seed.
func sampleBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

/// The bytes `slice` yields, and the size of its largest chunk.
func collect(_ slice: FileSlice) async throws -> (bytes: [UInt8], largestChunk: Int) {
    var bytes: [UInt8] = []
    var largest = 0
    for try await chunk in slice {
        largest = max(largest, chunk.readableBytes)
        bytes.append(contentsOf: chunk.readableBytesView)
    }
    return (bytes, largest)
}

/// Yields `bytes` in chunks of the given sizes, cycling through them; then throws `failure` when given.
struct ChunkedBytes: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let bytes: [UInt8]
    let sizes: [Int]
    var failure: (any Error & Sendable)? = nil

    struct Iterator: AsyncIteratorProtocol {
        let source: ChunkedBytes
        var offset = 0
        var turn = 0

        mutating func next() async throws -> ByteBuffer? {
            guard offset < source.bytes.count else {
                if let failure = source.failure { throw failure }
                return nil
            }
            let size = Swift.min(source.sizes[turn % source.sizes.count], source.bytes.count - offset)
            defer {
                offset += size
                turn += 1
            }
            return ByteBuffer(bytes: source.bytes[offset..<offset + size])
        }
    }

    func makeAsyncIterator() -> Iterator { Iterator(source: self) }
}

/// The paths of the files stored at an address in `store`, relative to its root.
func storedPaths(_ store: FileStore) throws -> [String] {
    let manager = FileManager.default
    return try manager.contentsOfDirectory(atPath: store.root).filter { $0 != "tmp" }.flatMap { bucket in
        try manager.contentsOfDirectory(atPath: store.root + "/" + bucket).map { bucket + "/" + $0 }
    }
}
