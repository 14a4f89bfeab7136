import NIOCore
import NIOPosix

/// One resumable upload: chunks arrive in any order, any number of times, and ``complete(into:)`` assembles
/// them into the ``FileStore`` once all are there. It keeps no state in memory: two values for the same
/// directory, or one made after a restart, see the same chunks.
package struct ChunkedUpload: Sendable {
    package static let manifestName = "manifest.json"
    package static let temporaryPrefix = "tmp-"

    package let id: String
    package let directory: String
    package let manifest: UploadManifest
    package let threadPool: NIOThreadPool

    package init(id: String, directory: String, manifest: UploadManifest, threadPool: NIOThreadPool) {
        self.id = id
        self.directory = directory
        self.manifest = manifest
        self.threadPool = threadPool
    }

    /// Checks chunk `index` and writes it durably: when this returns, the chunk is acknowledged and
    /// survives a crash. Sending an acknowledged chunk again with the same bytes changes nothing.
    package func accept(index: Int, bytes: ByteBuffer, sha256 expected: ContentHash? = nil) async throws {
        try manifest.checkChunk(index: index, byteCount: bytes.readableBytes)
        if let expected {
            let actual = bytes.withUnsafeReadableBytes { ContentHash.of($0) }
            guard actual == expected else {
                throw UploadError.chunkHashMismatch(index: index, expected: expected, actual: actual)
            }
        }
        let directory = directory
        let path = chunkPath(index)
        try await threadPool.runIfActive {
            let temporary = "\(directory)/\(Self.temporaryPrefix)\(UInt64.random(in: .min ... .max))"
            let descriptor = try POSIXFile.create(temporary)
            do {
                try bytes.withUnsafeReadableBytes { try POSIXFile.writeAll(descriptor, $0, path: temporary) }
                try POSIXFile.sync(descriptor, path: temporary)
                POSIXFile.release(descriptor)
            } catch {
                POSIXFile.release(descriptor)
                try? POSIXFile.remove(temporary)
                throw error
            }
            defer { try? POSIXFile.remove(temporary) }
            // link() never replaces: of two concurrent senders of a chunk, one names it, the other compares.
            if try !POSIXFile.linkUnlessExists(temporary, to: path) {
                switch try Self.compare(path, with: bytes) {
                case .same: break
                case .damaged: try POSIXFile.move(temporary, to: path)
                case .different: throw UploadError.conflictingChunk(index: index)
                }
            }
            try POSIXFile.syncDirectory(directory)
        }
    }

    /// The indexes of the chunks not acknowledged yet, in increasing order, as the disk holds them.
    package func missingChunks() async throws -> [Int] {
        let directory = directory
        let manifest = manifest
        return try await threadPool.runIfActive {
            var present = Set<Int>()
            for name in try POSIXFile.names(in: directory) {
                guard let index = Int(name), (0..<manifest.chunkCount).contains(index), String(index) == name,
                    try POSIXFile.size("\(directory)/\(name)") == Int64(manifest.size(ofChunk: index))
                else { continue }
                present.insert(index)
            }
            return (0..<manifest.chunkCount).filter { !present.contains($0) }
        }
    }

    /// Assembles the chunks in order into `store`, checks the whole file's size and SHA-256 against the
    /// manifest, then removes the upload. On a mismatch nothing is stored and the chunks stay.
    package func complete(into store: FileStore) async throws -> StoredFile {
        let missing = try await missingChunks()
        guard missing.isEmpty else { throw UploadError.incomplete(missing: missing) }
        let writer = try await BlobWriter(store: store)
        do {
            for index in 0..<manifest.chunkCount {
                let path = chunkPath(index)
                let size = manifest.size(ofChunk: index)
                let file = try await threadPool.runIfActive { () throws -> OpenFile in
                    guard let descriptor = try POSIXFile.openForReading(path) else {
                        throw UploadError.incomplete(missing: [index])
                    }
                    return OpenFile(descriptor: descriptor, path: path)
                }
                let hash = manifest.sha256
                let slice = FileSlice(
                    file: file, hash: hash, range: 0..<Int64(size), fileSize: Int64(size),
                    chunkSize: FileStore.readChunkSize, threadPool: threadPool)
                for try await piece in slice { try await writer.write(piece) }
            }
            let stored = try await writer.seal()
            guard stored.size == manifest.size else {
                throw UploadError.sizeMismatch(expected: manifest.size, actual: stored.size)
            }
            guard stored.hash == manifest.sha256 else {
                throw UploadError.hashMismatch(expected: manifest.sha256, actual: stored.hash)
            }
            try await writer.publish()
            try await discard()
            return stored
        } catch {
            await writer.abandon()
            throw error
        }
    }

    /// Removes the upload's chunks and manifest; nothing when it is already gone.
    package func discard() async throws {
        let directory = directory
        try await threadPool.runIfActive {
            // The manifest goes first: without it the upload no longer exists, even if a crash stops here.
            try POSIXFile.remove("\(directory)/\(Self.manifestName)")
            for name in try POSIXFile.names(in: directory) { try POSIXFile.remove("\(directory)/\(name)") }
            try POSIXFile.removeDirectory(directory)
        }
    }

    private func chunkPath(_ index: Int) -> String { "\(directory)/\(index)" }

    private enum Comparison { case same, different, damaged }

    /// Compares an acknowledged chunk with bytes sent again; a chunk file of the wrong size is damaged.
    private static func compare(_ path: String, with bytes: ByteBuffer) throws -> Comparison {
        guard let descriptor = try POSIXFile.openForReading(path) else { return .damaged }
        defer { POSIXFile.release(descriptor) }
        guard try POSIXFile.size(descriptor, path: path) == Int64(bytes.readableBytes) else { return .damaged }
        var existing = [UInt8](repeating: 0, count: bytes.readableBytes)
        let count = try existing.withUnsafeMutableBytes { try POSIXFile.read(descriptor, into: $0, at: 0, path: path) }
        guard count == existing.count else { return .damaged }
        return bytes.withUnsafeReadableBytes { $0.elementsEqual(existing) } ? .same : .different
    }
}
