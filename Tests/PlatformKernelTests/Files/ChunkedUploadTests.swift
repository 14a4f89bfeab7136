import Foundation
import NIOCore
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Resumable uploads: chunks in any order, re-sent, refused, resumed after a restart, completed or not.
struct ChunkedUploadTests {
    /// 5 chunks of 1000 bytes and a last one of 321.
    static let bytes = sampleBytes(5321, seed: 7)
    static let manifest = UploadManifest(size: 5321, sha256: ContentHash.of(bytes), chunkSize: 1000)

    @Test func chunksInAnyOrderCompleteIntoTheStore() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory + "/files")
            let uploads = try ChunkedUploads(root: directory + "/uploads")
            let upload = try await uploads.start(id: "deposit-1", manifest: Self.manifest)
            #expect(try await upload.missingChunks() == Array(0..<6))
            for index in [3, 5, 0, 4, 1, 2] {
                try await upload.accept(
                    index: index, bytes: Self.chunk(index), sha256: ContentHash.of(Self.chunk(index).readableBytesView))
            }
            #expect(try await upload.missingChunks().isEmpty)
            let stored = try await upload.complete(into: store)
            #expect(stored == StoredFile(hash: Self.manifest.sha256, size: 5321))
            #expect(try storedPaths(store) == ["\(stored.hash.hex.prefix(2))/\(stored.hash.hex.dropFirst(2))"])
            #expect(try await collect(store.read(stored.hash)).bytes == Self.bytes)
            #expect(try await uploads.identifiers().isEmpty)
            await #expect(throws: UploadError.unknownUpload(id: "deposit-1")) {
                _ = try await uploads.open(id: "deposit-1")
            }
        }
    }

    @Test func aResentChunkIsAcknowledgedAgainAndOtherBytesAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let upload = try await ChunkedUploads(root: directory).start(manifest: Self.manifest)
            try await upload.accept(index: 2, bytes: Self.chunk(2))
            try await upload.accept(index: 2, bytes: Self.chunk(2))
            await #expect(throws: UploadError.conflictingChunk(index: 2)) {
                try await upload.accept(index: 2, bytes: Self.chunk(3))
            }
            #expect(try await upload.missingChunks() == [0, 1, 3, 4, 5])
            #expect(try Self.chunkFileNames(upload) == ["2"])
        }
    }

    @Test func concurrentSendsOfOneChunkLeaveOneAcknowledgedChunk() async throws {
        try await withTemporaryDirectory { directory in
            let upload = try await ChunkedUploads(dataDirectory: directory).start(manifest: Self.manifest)
            #expect(upload.directory.hasPrefix(directory + "/uploads/"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<20 { group.addTask { try await upload.accept(index: 4, bytes: Self.chunk(4)) } }
                try await group.waitForAll()
            }
            #expect(try Self.chunkFileNames(upload) == ["4"])
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: upload.directory).sorted() == [
                    "4", "manifest.json",
                ])
            let chunk = try Data(contentsOf: URL(fileURLWithPath: upload.directory + "/4"))
            #expect(Array(chunk) == Array(Self.bytes[4000..<5000]))
        }
    }

    @Test func damagedWrongSizedAndOutOfRangeChunksAreRefused() async throws {
        try await withTemporaryDirectory { directory in
            let upload = try await ChunkedUploads(root: directory).start(manifest: Self.manifest)
            let expected = ContentHash.of(Self.chunk(1).readableBytesView)
            var damaged = Self.chunk(1)
            damaged.setInteger(UInt8(0xff) ^ damaged.getInteger(at: 10, as: UInt8.self)!, at: 10)
            await #expect(
                throws: UploadError.chunkHashMismatch(
                    index: 1, expected: expected, actual: ContentHash.of(damaged.readableBytesView))
            ) {
                try await upload.accept(index: 1, bytes: damaged, sha256: expected)
            }
            await #expect(throws: UploadError.wrongChunkSize(index: 5, expected: 321, actual: 1000)) {
                try await upload.accept(index: 5, bytes: Self.chunk(0))
            }
            await #expect(throws: UploadError.wrongChunkSize(index: 0, expected: 1000, actual: 999)) {
                try await upload.accept(index: 0, bytes: ByteBuffer(bytes: Self.bytes[0..<999]))
            }
            await #expect(throws: UploadError.chunkOutOfRange(index: 6, chunkCount: 6)) {
                try await upload.accept(index: 6, bytes: Self.chunk(5))
            }
            await #expect(throws: UploadError.chunkOutOfRange(index: -1, chunkCount: 6)) {
                try await upload.accept(index: -1, bytes: Self.chunk(0))
            }
            #expect(try await upload.missingChunks() == Array(0..<6))
            #expect(try Self.chunkFileNames(upload).isEmpty)
        }
    }

    @Test func missingChunksAreReadFromDiskAfterARestart() async throws {
        try await withTemporaryDirectory { directory in
            let before = try await ChunkedUploads(root: directory).start(id: "resume", manifest: Self.manifest)
            for index in [0, 2, 5] { try await before.accept(index: index, bytes: Self.chunk(index)) }
            // What a crash can leave besides acknowledged chunks: a temporary file, a damaged chunk file.
            FileManager.default.createFile(atPath: before.directory + "/tmp-42", contents: Data([1]))
            FileManager.default.createFile(atPath: before.directory + "/3", contents: Data(Self.bytes[3000..<3500]))
            let after = try await ChunkedUploads(root: directory).open(id: "resume")
            #expect(after.manifest == Self.manifest)
            #expect(try await after.missingChunks() == [1, 3, 4])
            await #expect(throws: UploadError.incomplete(missing: [1, 3, 4])) {
                _ = try await after.complete(into: try FileStore(root: directory + "/files"))
            }
            for index in [1, 3, 4] { try await after.accept(index: index, bytes: Self.chunk(index)) }
            let stored = try await after.complete(into: try FileStore(root: directory + "/files"))
            #expect(stored.hash == Self.manifest.sha256)
        }
    }

    @Test func aMismatchingFileIsRefusedAndNothingIsStored() async throws {
        try await withTemporaryDirectory { directory in
            let store = try FileStore(root: directory + "/files")
            let announced = ContentHash.of(sampleBytes(5321, seed: 8))
            let manifest = UploadManifest(size: 5321, sha256: announced, chunkSize: 1000)
            let upload = try await ChunkedUploads(root: directory + "/uploads").start(manifest: manifest)
            for index in 0..<6 { try await upload.accept(index: index, bytes: Self.chunk(index)) }
            await #expect(throws: UploadError.hashMismatch(expected: announced, actual: Self.manifest.sha256)) {
                _ = try await upload.complete(into: store)
            }
            #expect(try storedPaths(store).isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory).isEmpty)
            #expect(try await upload.missingChunks().isEmpty)
            try await upload.discard()
            #expect(!FileManager.default.fileExists(atPath: upload.directory))
        }
    }

    @Test func startingAgainNeedsTheSameManifest() async throws {
        try await withTemporaryDirectory { directory in
            let uploads = try ChunkedUploads(root: directory)
            let first = try await uploads.start(id: "u1", manifest: Self.manifest)
            try await first.accept(index: 0, bytes: Self.chunk(0))
            let again = try await uploads.start(id: "u1", manifest: Self.manifest)
            #expect(try await again.missingChunks() == Array(1..<6))
            let other = UploadManifest(size: 10, sha256: Self.manifest.sha256, chunkSize: 1000)
            await #expect(throws: UploadError.conflictingManifest(id: "u1")) {
                _ = try await uploads.start(id: "u1", manifest: other)
            }
            await #expect(throws: UploadError.invalidIdentifier("../u1")) {
                _ = try await uploads.start(id: "../u1", manifest: Self.manifest)
            }
            await #expect(throws: UploadError.self) {
                _ = try await uploads.start(
                    manifest: UploadManifest(size: 10, sha256: Self.manifest.sha256, chunkSize: 0))
            }
            #expect(try await uploads.identifiers() == ["u1"])
        }
    }

    @Test func anEmptyFileCompletesWithoutChunks() async throws {
        try await withTemporaryDirectory { directory in
            let manifest = UploadManifest(size: 0, sha256: ContentHash.of([]), chunkSize: 1 << 20)
            let upload = try await ChunkedUploads(root: directory + "/uploads").start(manifest: manifest)
            #expect(try await upload.missingChunks().isEmpty)
            let stored = try await upload.complete(into: try FileStore(root: directory + "/files"))
            #expect(stored == StoredFile(hash: manifest.sha256, size: 0))
        }
    }

    static func chunk(_ index: Int) -> ByteBuffer {
        ByteBuffer(bytes: bytes[index * 1000..<min(bytes.count, index * 1000 + 1000)])
    }

    static func chunkFileNames(_ upload: ChunkedUpload) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: upload.directory).filter { Int($0) != nil }.sorted()
    }
}
