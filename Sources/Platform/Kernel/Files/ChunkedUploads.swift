import Foundation
import NIOPosix

/// The directory of resumable uploads in progress, one subdirectory per upload.
///
/// Bookkeeping lives on the filesystem, not in the database: an upload's directory holds its
/// `manifest.json` and one file per acknowledged chunk, named by the chunk's index. A chunk file appears
/// under its name only once its bytes are on disk, so after a crash what the directory lists is exactly
/// what was acknowledged, whatever the database says.
package struct ChunkedUploads: Sendable {
    package let root: String
    package let threadPool: NIOThreadPool

    /// Opens the area at `root`, creating it (and its parents) when absent.
    package init(root: String, threadPool: NIOThreadPool = .singleton) throws(FileStoreError) {
        self.root = root
        self.threadPool = threadPool
        try FileStore.makeDirectories(root)
    }

    /// The uploads of the platform whose data directory is `dataDirectory`: its `uploads` subdirectory.
    package init(dataDirectory: String) throws(FileStoreError) {
        try self.init(root: dataDirectory + "/uploads")
    }

    /// Starts the upload `id` of the file `manifest` describes; returns the existing one when it was
    /// already started with the same manifest (a client retrying), and refuses another manifest.
    package func start(id: String = UUID().uuidString.lowercased(), manifest: UploadManifest) async throws
        -> ChunkedUpload
    {
        try Self.validate(id: id)
        try manifest.validate()
        let root = root
        let directory = "\(root)/\(id)"
        let manifestPath = "\(directory)/\(ChunkedUpload.manifestName)"
        let data = try JSONEncoder().encode(manifest)
        try await threadPool.runIfActive {
            // Synced even when it existed: a concurrent start may have created it without syncing yet.
            try POSIXFile.makeDirectory(directory)
            try POSIXFile.syncDirectory(root)
            if let existing = try Self.readManifest(manifestPath, id: id) {
                guard existing == manifest else { throw UploadError.conflictingManifest(id: id) }
                return
            }
            // Chunks left by a discarded upload of the same identifier belong to another file.
            for name in try POSIXFile.names(in: directory) { try POSIXFile.remove("\(directory)/\(name)") }
            let temporary = "\(directory)/\(ChunkedUpload.temporaryPrefix)\(UInt64.random(in: .min ... .max))"
            let descriptor = try POSIXFile.create(temporary)
            defer { POSIXFile.release(descriptor) }
            try data.withUnsafeBytes { try POSIXFile.writeAll(descriptor, $0, path: temporary) }
            try POSIXFile.sync(descriptor, path: temporary)
            try POSIXFile.move(temporary, to: manifestPath)
            try POSIXFile.syncDirectory(directory)
        }
        return ChunkedUpload(id: id, directory: directory, manifest: manifest, threadPool: threadPool)
    }

    /// The upload `id` as the disk holds it, e.g. after a restart.
    package func open(id: String) async throws -> ChunkedUpload {
        try Self.validate(id: id)
        let directory = "\(root)/\(id)"
        let path = "\(directory)/\(ChunkedUpload.manifestName)"
        let manifest = try await threadPool.runIfActive { try Self.readManifest(path, id: id) }
        guard let manifest else { throw UploadError.unknownUpload(id: id) }
        return ChunkedUpload(id: id, directory: directory, manifest: manifest, threadPool: threadPool)
    }

    /// The identifiers of the uploads in progress.
    package func identifiers() async throws -> [String] {
        let root = root
        return try await threadPool.runIfActive {
            try POSIXFile.names(in: root).filter { Self.isValid(id: $0) }.sorted()
        }
    }

    /// The uploads whose directory was not touched since `cutoff` (seconds since 1970): no chunk, manifest or
    /// temporary file was written or removed in it since, on any node sharing the directory.
    package func identifiers(untouchedSince cutoff: Int64) async throws -> [String] {
        let root = root
        return try await threadPool.runIfActive {
            try POSIXFile.names(in: root).filter { id in
                guard Self.isValid(id: id), let time = try POSIXFile.modificationTime("\(root)/\(id)") else {
                    return false
                }
                return time < cutoff
            }.sorted()
        }
    }

    /// Removes the upload `id` whatever its state (its manifest may be missing or damaged); nothing when it is
    /// already gone.
    package func discard(id: String) async throws {
        try Self.validate(id: id)
        let directory = "\(root)/\(id)"
        try await threadPool.runIfActive {
            try POSIXFile.remove("\(directory)/\(ChunkedUpload.manifestName)")
            for name in try POSIXFile.names(in: directory) { try POSIXFile.remove("\(directory)/\(name)") }
            try POSIXFile.removeDirectory(directory)
        }
    }

    private static func readManifest(_ path: String, id: String) throws -> UploadManifest? {
        guard let descriptor = try POSIXFile.openForReading(path) else { return nil }
        defer { POSIXFile.release(descriptor) }
        let size = try POSIXFile.size(descriptor, path: path)
        guard size <= 4096 else { throw UploadError.damagedManifest(id: id) }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        let count = try bytes.withUnsafeMutableBytes { try POSIXFile.read(descriptor, into: $0, at: 0, path: path) }
        guard count == bytes.count, let manifest = try? JSONDecoder().decode(UploadManifest.self, from: Data(bytes)),
            (try? manifest.validate()) != nil
        else { throw UploadError.damagedManifest(id: id) }
        return manifest
    }

    private static func validate(id: String) throws(UploadError) {
        guard isValid(id: id) else { throw .invalidIdentifier(id) }
    }

    private static func isValid(id: String) -> Bool {
        (1...64).contains(id.utf8.count)
            && id.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                    true
                default: false
                }
            }
    }
}
