import Crypto
import NIOCore
import PlatformKernel

/// The SHA-256 of every chunk of stored sealed files, for job descriptors. Each file is read once, streamed
/// (memory bounded by the store's read chunks), checked against its content hash in the same pass (the
/// assistant relies on the chunks' hashes alone), and its digests kept: stored files never change.
package actor SealedChunkDigests {
    package init() {}

    /// The stored bytes no longer have the hash they were stored under: the storage altered them.
    package struct Altered: Error {}

    private struct Key: Hashable {
        package let hash: ContentHash
        package let chunkSize: Int
    }

    private var cache: [Key: [String]] = [:]
    /// The most files whose digests are kept (a 1 GiB file has 1 024 of them).
    private let capacity = 4096

    /// The hex SHA-256 of each `chunkSize` slice of the stored file `hash`.
    package func digests(of hash: ContentHash, chunkSize: Int, in store: FileStore) async throws -> [String] {
        let key = Key(hash: hash, chunkSize: chunkSize)
        if let known = cache[key] { return known }
        var digests: [String] = []
        var whole = SHA256()
        var hasher = SHA256()
        var filled = 0
        for try await piece in try await store.read(hash) {
            var buffer = piece
            while buffer.readableBytes > 0 {
                let take = min(chunkSize - filled, buffer.readableBytes)
                guard let slice = buffer.readSlice(length: take) else { break }
                slice.withUnsafeReadableBytes {
                    hasher.update(bufferPointer: $0)
                    whole.update(bufferPointer: $0)
                }
                filled += take
                if filled == chunkSize {
                    digests.append(ContentHash(hasher.finalize()).hex)
                    hasher = SHA256()
                    filled = 0
                }
            }
        }
        if filled > 0 { digests.append(ContentHash(hasher.finalize()).hex) }
        guard ContentHash(whole.finalize()) == hash else { throw Altered() }
        if cache.count >= capacity { cache.removeAll() }
        cache[key] = digests
        return digests
    }
}
