import Crypto
import NIOCore
import NIOPosix

/// Files (DCE archives, sealed plis) under a directory, each named by the SHA-256 of its content.
///
/// Layout: `ab/cdef…` for the file whose hash is `abcdef…` (the first two hexadecimal digits name one of
/// 256 subdirectories made when the store opens, the other 62 the file), and `tmp/` for files being
/// written. A file is written to `tmp/`, fsynced, renamed to its address and its directory fsynced: once
/// ``put(_:)`` returns, the file survives a crash, and a crash before leaves at most an orphan in `tmp/`
/// (see ``removeAbandonedFiles(untouchedSince:)``), never a partial file at an address.
/// Files are never modified once stored; storing the same content again stores nothing.
///
/// Blocking system calls run on `NIOThreadPool.singleton`; memory use is bounded by the chunk sizes.
package struct FileStore: Sendable {
    /// The store's directory, usually the data directory's `files`.
    package let root: String
    package let threadPool: NIOThreadPool

    /// The size of the chunks ``read(_:range:)`` returns.
    package static let readChunkSize = 1 << 20

    /// Opens the store at `root`, creating it (and its parent) when absent.
    package init(root: String, threadPool: NIOThreadPool = .singleton) throws(FileStoreError) {
        self.root = root
        self.threadPool = threadPool
        try Self.makeDirectories(root)
        try POSIXFile.makeDirectory(temporaryDirectory)
        // All 256 subdirectories exist from the start, so that storing a file never creates a directory.
        for bucket in 0..<256 { try POSIXFile.makeDirectory(root + "/" + Self.hexByte(bucket)) }
        try POSIXFile.syncDirectory(root)
    }

    private static func hexByte(_ value: Int) -> String {
        let text = String(value, radix: 16)
        return text.count == 1 ? "0" + text : text
    }

    /// The store of the platform whose data directory is `dataDirectory`: its `files` subdirectory.
    package init(dataDirectory: String) throws(FileStoreError) {
        try self.init(root: dataDirectory + "/files")
    }

    /// The directory of files being written.
    package var temporaryDirectory: String { root + "/tmp" }

    /// Where the file with this hash is, or would be.
    package func path(of hash: ContentHash) -> String {
        let hex = hash.hex
        return "\(root)/\(hex.prefix(2))/\(hex.dropFirst(2))"
    }

    /// Stores the bytes `chunks` yields and returns their address; durable when it returns.
    package func put<Chunks: AsyncSequence>(_ chunks: Chunks) async throws -> StoredFile
    where Chunks.Element == ByteBuffer {
        try await store { writer in
            for try await chunk in chunks { try await writer.write(chunk) }
        }
    }

    /// Stores the bytes `chunks` yields, at most `limit` of them: beyond, the writing stops, nothing is stored and
    /// ``FileStoreError/tooLarge(limit:)`` is thrown. `accept` sees the whole file (its temporary path) before it
    /// reaches its address, and throws to refuse it: nothing is stored then either.
    package func put<Chunks: AsyncSequence>(
        _ chunks: Chunks, upTo limit: Int64, accepting accept: @escaping @Sendable (String) throws -> Void = { _ in }
    ) async throws -> StoredFile where Chunks.Element == ByteBuffer {
        try await store { writer in
            var size: Int64 = 0
            for try await chunk in chunks {
                size += Int64(chunk.readableBytes)
                guard size <= limit else { throw FileStoreError.tooLarge(limit: limit) }
                try await writer.write(chunk)
            }
            _ = try await writer.seal()
            let path = writer.temporaryPath
            try await threadPool.runIfActive { try accept(path) }
        }
    }

    /// Stores `bytes`; for small files and tests.
    package func put(bytes: some Sequence<UInt8>) async throws -> StoredFile {
        let buffer = ByteBuffer(bytes: Array(bytes))
        return try await store { writer in try await writer.write(buffer) }
    }

    private func store(_ write: (BlobWriter) async throws -> Void) async throws -> StoredFile {
        let writer = try await BlobWriter(store: self)
        do {
            try await write(writer)
            let stored = try await writer.seal()
            try await writer.publish()
            return stored
        } catch {
            await writer.abandon()
            throw error
        }
    }

    /// Whether a file with this hash is stored.
    package func exists(_ hash: ContentHash) throws(FileStoreError) -> Bool {
        try POSIXFile.size(path(of: hash)) != nil
    }

    /// The size of the stored file with this hash; `nil` when there is none.
    package func size(_ hash: ContentHash) throws(FileStoreError) -> Int64? {
        try POSIXFile.size(path(of: hash))
    }

    /// The bytes of `range` of the stored file (all of it when `nil`), to stream in chunks, e.g. for an
    /// HTTP range request. Throws ``FileStoreError/notFound(_:)`` or
    /// ``FileStoreError/rangeNotSatisfiable(lower:upper:size:)`` before any byte is read.
    package func read(_ hash: ContentHash, range: Range<Int64>? = nil) async throws -> FileSlice {
        let path = path(of: hash)
        let opened = try await threadPool.runIfActive { () throws -> (Int32, Int64)? in
            guard let descriptor = try POSIXFile.openForReading(path) else { return nil }
            do {
                return (descriptor, try POSIXFile.size(descriptor, path: path))
            } catch {
                POSIXFile.release(descriptor)
                throw error
            }
        }
        guard let (descriptor, size) = opened else { throw FileStoreError.notFound(hash) }
        let file = OpenFile(descriptor: descriptor, path: path)
        let range = range ?? 0..<size
        guard range.lowerBound >= 0, range.upperBound <= size else {
            throw FileStoreError.rangeNotSatisfiable(lower: range.lowerBound, upper: range.upperBound, size: size)
        }
        return FileSlice(
            file: file, hash: hash, range: range, fileSize: size, chunkSize: Self.readChunkSize, threadPool: threadPool)
    }

    /// Removes what crashed or abandoned writes left in `tmp/` untouched since `cutoff` (seconds since 1970); a
    /// write in progress, on this node or another sharing the directory, keeps touching its file. Returns how
    /// many files went.
    @discardableResult
    package func removeAbandonedFiles(untouchedSince cutoff: Int64) async throws -> Int {
        let directory = temporaryDirectory
        return try await threadPool.runIfActive {
            var removed = 0
            for name in try POSIXFile.names(in: directory) {
                let path = directory + "/" + name
                guard let time = try POSIXFile.modificationTime(path), time < cutoff else { continue }
                try POSIXFile.remove(path)
                removed += 1
            }
            return removed
        }
    }

    /// The stored files not modified since `cutoff` (seconds since 1970): the candidates of a sweep of orphans.
    package func files(untouchedSince cutoff: Int64) async throws -> [ContentHash] {
        let root = root
        return try await threadPool.runIfActive {
            var found: [ContentHash] = []
            for bucket in 0..<256 {
                let prefix = Self.hexByte(bucket)
                for name in try POSIXFile.names(in: root + "/" + prefix) {
                    guard let hash = ContentHash(hex: prefix + name),
                        let time = try POSIXFile.modificationTime("\(root)/\(prefix)/\(name)"), time < cutoff
                    else { continue }
                    found.append(hash)
                }
            }
            return found
        }
    }

    /// Removes the stored file with this hash if it was not modified since `cutoff` (storing the same content
    /// again touches it); returns whether it went.
    package func remove(_ hash: ContentHash, untouchedSince cutoff: Int64) async throws -> Bool {
        let path = path(of: hash)
        return try await threadPool.runIfActive {
            guard let time = try POSIXFile.modificationTime(path), time < cutoff else { return false }
            try POSIXFile.remove(path)
            return true
        }
    }

    /// Creates `path` and its missing parents.
    package static func makeDirectories(_ path: String) throws(FileStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            try POSIXFile.makeDirectory(prefix)
        }
    }
}

/// A file being written to a store's `tmp/` directory, hashed as it is written. Used by one task.
package final class BlobWriter {
    package let store: FileStore
    package let temporaryPath: String
    private var descriptor: Int32?
    private var hasher = SHA256()
    private var size: Int64 = 0
    private var sealed: StoredFile?

    package init(store: FileStore) async throws {
        self.store = store
        let path = "\(store.temporaryDirectory)/\(UInt64.random(in: .min ... .max))-\(UInt64.random(in: .min ... .max))"
        temporaryPath = path
        descriptor = try await store.threadPool.runIfActive { try POSIXFile.create(path) }
    }

    /// Appends `chunk` to the file.
    package func write(_ chunk: ByteBuffer) async throws {
        guard let descriptor, sealed == nil else { throw FileStoreError.writerClosed }
        chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
        size += Int64(chunk.readableBytes)
        let path = temporaryPath
        try await store.threadPool.runIfActive {
            try chunk.withUnsafeReadableBytes { bytes in
                try POSIXFile.writeAll(descriptor, bytes, path: path)
            }
        }
    }

    /// Forces the file to disk and returns its hash and size; it is not at its address yet.
    package func seal() async throws -> StoredFile {
        if let sealed { return sealed }
        guard let descriptor else { throw FileStoreError.writerClosed }
        let path = temporaryPath
        try await store.threadPool.runIfActive {
            try POSIXFile.sync(descriptor, path: path)
        }
        POSIXFile.release(descriptor)
        self.descriptor = nil
        let stored = StoredFile(hash: ContentHash(hasher.finalize()), size: size)
        sealed = stored
        return stored
    }

    /// Moves the sealed file to its address, durably; drops it when that content is already stored.
    package func publish() async throws {
        guard let sealed else { throw FileStoreError.writerClosed }
        let source = temporaryPath
        let destination = store.path(of: sealed.hash)
        let directory = "\(store.root)/\(sealed.hash.hex.prefix(2))"
        try await store.threadPool.runIfActive {
            if try POSIXFile.size(destination) == sealed.size {
                // Stored again: the file counts as new for the sweep of orphans (``FileStore/remove(_:untouchedSince:)``).
                try POSIXFile.touch(destination)
                try POSIXFile.remove(source)
            } else {
                try POSIXFile.move(source, to: destination)
            }
            // Also when the file was there: a concurrent writer may have renamed it without syncing yet.
            try POSIXFile.syncDirectory(directory)
        }
        self.sealed = nil
    }

    /// Removes the temporary file.
    package func abandon() async {
        if let descriptor { POSIXFile.release(descriptor) }
        descriptor = nil
        sealed = nil
        let path = temporaryPath
        _ = try? await store.threadPool.runIfActive { try POSIXFile.remove(path) }
    }

    deinit {
        if let descriptor { POSIXFile.release(descriptor) }
    }
}
