/// Why a chunk or an upload was refused, with what the client should do about it.
package enum UploadError: Error, Equatable, CustomStringConvertible {
    case invalidIdentifier(String)
    case invalidManifest(String)
    /// An upload with this identifier exists and expects another file.
    case conflictingManifest(id: String)
    case unknownUpload(id: String)
    /// The upload's manifest cannot be read: its directory was damaged.
    case damagedManifest(id: String)
    case chunkOutOfRange(index: Int, chunkCount: Int)
    case wrongChunkSize(index: Int, expected: Int, actual: Int)
    case chunkHashMismatch(index: Int, expected: ContentHash, actual: ContentHash)
    /// Chunk `index` was already acknowledged with other bytes.
    case conflictingChunk(index: Int)
    /// ``ChunkedUpload/complete(into:)`` before every chunk arrived.
    case incomplete(missing: [Int])
    case sizeMismatch(expected: Int64, actual: Int64)
    case hashMismatch(expected: ContentHash, actual: ContentHash)

    package var description: String {
        switch self {
        case .invalidIdentifier(let id):
            "\"\(id)\" is not an upload identifier: use 1 to 64 letters, digits, '-' or '_'."
        case .invalidManifest(let reason):
            "The upload cannot start: \(reason)."
        case .conflictingManifest(let id):
            "Upload \(id) already exists for another file: choose another identifier."
        case .unknownUpload(let id):
            "There is no upload \(id): start a new one."
        case .damagedManifest(let id):
            "The manifest of upload \(id) cannot be read: discard the upload and start again."
        case .chunkOutOfRange(let index, let count):
            "Chunk \(index) does not exist: this upload has chunks 0 to \(count - 1)."
        case .wrongChunkSize(let index, let expected, let actual):
            "Chunk \(index) must be \(expected) bytes long, not \(actual): send it again whole."
        case .chunkHashMismatch(let index, let expected, let actual):
            "Chunk \(index) arrived damaged (SHA-256 \(actual), expected \(expected)): send it again."
        case .conflictingChunk(let index):
            "Chunk \(index) was already received with other bytes: discard the upload and start again."
        case .incomplete(let missing):
            "\(missing.count) chunks are missing (first: \(missing.prefix(10).map(String.init).joined(separator: ", "))): send them, then complete the upload."
        case .sizeMismatch(let expected, let actual):
            "The file received has \(actual) bytes, not the \(expected) announced: discard the upload and start again."
        case .hashMismatch(let expected, let actual):
            "The file received has SHA-256 \(actual), not the \(expected) announced: discard the upload and start again."
        }
    }
}
