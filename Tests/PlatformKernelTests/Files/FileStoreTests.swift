import Foundation
import NIOCore
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The content-addressed file store: layout, durability protocol, ranges, idempotence.
struct FileStoreTests {
    @Test func storesUnderItsHashAndReadsBack() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory + "/files")
            let stored = try await store.put(bytes: Array("abc".utf8))
            let expected = try #require(ContentHash(hex: Self.abc.uppercased()))
            #expect(stored == StoredFile(hash: expected, size: 3))
            #expect(store.path(of: stored.hash) == "\(directory)/files/ba/\(Self.abc.dropFirst(2))")
            #expect(FileManager.default.fileExists(atPath: store.path(of: stored.hash)))
            #expect(try store.exists(stored.hash))
            #expect(try store.size(stored.hash) == 3)
            #expect(try await collect(store.read(stored.hash)).bytes == Array("abc".utf8))
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory).isEmpty)
        }
    }

    @Test func streamsALargeFileAndServesRanges() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory)
            let bytes = sampleBytes(3 << 20 + 17)
            let stored = try await store.put(ChunkedBytes(bytes: bytes, sizes: [65_536, 1, 1 << 20, 12_345]))
            #expect(stored == StoredFile(hash: ContentHash.of(bytes), size: Int64(bytes.count)))
            let whole = try await collect(store.read(stored.hash))
            #expect(whole.bytes == bytes)
            #expect(whole.largestChunk == FileStore.readChunkSize)
            let middle = try await store.read(stored.hash, range: 5..<1_500_000)
            #expect(middle.count == 1_499_995)
            #expect(try await collect(middle).bytes == Array(bytes[5..<1_500_000]))
            let tail = try await store.read(stored.hash, range: Int64(bytes.count - 1)..<Int64(bytes.count))
            #expect(try await collect(tail).bytes == [bytes[bytes.count - 1]])
            #expect(try await collect(store.read(stored.hash, range: 7..<7)).bytes.isEmpty)
        }
    }

    @Test func refusesRangesOutsideTheFileAndUnknownHashes() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory)
            let stored = try await store.put(bytes: sampleBytes(100))
            await #expect(throws: FileStoreError.rangeNotSatisfiable(lower: 50, upper: 101, size: 100)) {
                _ = try await store.read(stored.hash, range: 50..<101)
            }
            await #expect(throws: FileStoreError.rangeNotSatisfiable(lower: -1, upper: 10, size: 100)) {
                _ = try await store.read(stored.hash, range: -1..<10)
            }
            let unknown = ContentHash.of(sampleBytes(100, seed: 2))
            await #expect(throws: FileStoreError.notFound(unknown)) { _ = try await store.read(unknown) }
            #expect(try store.exists(unknown) == false)
            #expect(try store.size(unknown) == nil)
        }
    }

    @Test func storingTheSameContentTwiceStoresOneFile() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory)
            let bytes = sampleBytes(10_000)
            let first = try await store.put(bytes: bytes)
            let second = try await store.put(ChunkedBytes(bytes: bytes, sizes: [333]))
            #expect(first == second)
            let bucket = (store.path(of: first.hash) as NSString).deletingLastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: bucket).count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory).isEmpty)
        }
    }

    @Test func anEmptyFileIsStored() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory)
            let stored = try await store.put(bytes: [])
            #expect(stored.hash.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(stored.size == 0)
            #expect(try await collect(store.read(stored.hash)).bytes.isEmpty)
        }
    }

    @Test func aFailedUploadStoresNothing() async throws {
        struct Disconnected: Error {}
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory)
            let bytes = sampleBytes(5000)
            await #expect(throws: Disconnected.self) {
                _ = try await store.put(ChunkedBytes(bytes: bytes, sizes: [1000], failure: Disconnected()))
            }
            #expect(try store.exists(ContentHash.of(bytes)) == false)
            #expect(try storedPaths(store).isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory).isEmpty)
        }
    }

    @Test func abandonedTemporaryFilesAreRemoved() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory)
            let stored = try await store.put(bytes: sampleBytes(10))
            let old = store.temporaryDirectory + "/123-456"
            FileManager.default.createFile(atPath: old, contents: Data([1, 2]))
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: old)
            // A write in progress, maybe on another node sharing the directory, is recent: it stays.
            FileManager.default.createFile(atPath: store.temporaryDirectory + "/789-012", contents: Data([3]))
            #expect(try await store.removeAbandonedFiles(untouchedSince: Timestamp.now() - 3600) == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory) == ["789-012"])
            #expect(try store.exists(stored.hash))
        }
    }

    /// SHA-256("abc"), FIPS 180-2 appendix B.1.
    static let abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
}
