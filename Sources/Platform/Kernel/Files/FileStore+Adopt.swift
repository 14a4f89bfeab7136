/// Files written whole by someone else into the store's `tmp/` directory (a plaintext the platform
/// decrypted there), then stored at their address like ``FileStore/put(_:)`` stores what it writes.
extension FileStore {
    /// A fresh path in `tmp/` for a file about to be written (removed at start-up if left behind).
    package func temporaryPath() -> String {
        "\(temporaryDirectory)/\(UInt64.random(in: .min ... .max))-\(UInt64.random(in: .min ... .max))"
    }

    /// Moves the file at `path` (in `tmp/`, whose content has `stored`'s hash and size) to its address,
    /// durably: the file is fsynced, renamed, and its directory fsynced. Drops it when that content is
    /// already stored.
    package func adopt(_ path: String, as stored: StoredFile) async throws {
        let destination = self.path(of: stored.hash)
        let directory = "\(root)/\(stored.hash.hex.prefix(2))"
        try await threadPool.runIfActive {
            guard let descriptor = try POSIXFile.openForReading(path) else {
                throw FileStoreError.notFound(stored.hash)
            }
            defer { POSIXFile.release(descriptor) }
            try POSIXFile.sync(descriptor, path: path)
            if try POSIXFile.size(destination) == stored.size {
                try POSIXFile.remove(path)
            } else {
                try POSIXFile.move(path, to: destination)
            }
            try POSIXFile.syncDirectory(directory)
        }
    }
}
