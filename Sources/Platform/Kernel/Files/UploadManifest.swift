/// What a resumable upload will deliver, fixed when it starts: the whole file's size and SHA-256, and the
/// size of its chunks (all of them but the last, which holds the rest).
package struct UploadManifest: Codable, Hashable, Sendable {
    /// The whole file's size in bytes.
    package let size: Int64
    /// The whole file's SHA-256.
    package let sha256: ContentHash
    /// The size of every chunk but the last.
    package let chunkSize: Int

    package init(size: Int64, sha256: ContentHash, chunkSize: Int) {
        self.size = size
        self.sha256 = sha256
        self.chunkSize = chunkSize
    }

    /// The largest chunk size accepted: a chunk is held in memory while it is checked.
    package static let maximumChunkSize = 64 << 20
    /// The largest number of chunks accepted.
    package static let maximumChunkCount = 1 << 24

    /// How many chunks make the file: 0 for an empty file.
    package var chunkCount: Int { Int((size + Int64(chunkSize) - 1) / Int64(chunkSize)) }

    /// The size chunk `index` must have.
    package func size(ofChunk index: Int) -> Int {
        Int(min(Int64(chunkSize), size - Int64(index) * Int64(chunkSize)))
    }

    /// Refuses chunk `index` of `byteCount` bytes unless the file has a chunk `index` of exactly that size: what
    /// ``ChunkedUpload/accept(index:bytes:sha256:)`` checks before writing anything.
    package func checkChunk(index: Int, byteCount: Int) throws(UploadError) {
        guard (0..<chunkCount).contains(index) else {
            throw .chunkOutOfRange(index: index, chunkCount: chunkCount)
        }
        let expected = size(ofChunk: index)
        guard byteCount == expected else {
            throw .wrongChunkSize(index: index, expected: expected, actual: byteCount)
        }
    }

    /// Refuses a negative size or a chunk size outside 1 byte…``maximumChunkSize``.
    package func validate() throws(UploadError) {
        guard size >= 0 else { throw .invalidManifest("the size is negative (\(size))") }
        guard chunkSize > 0, chunkSize <= Self.maximumChunkSize else {
            throw .invalidManifest(
                "the chunk size must lie between 1 and \(Self.maximumChunkSize) bytes, not \(chunkSize)")
        }
        guard size / Int64(chunkSize) < Int64(Self.maximumChunkCount) else {
            throw .invalidManifest("a file of \(size) bytes needs larger chunks than \(chunkSize) bytes")
        }
    }
}
