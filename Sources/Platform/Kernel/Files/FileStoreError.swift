/// A failure of the file store, with what the operator or the client should do about it.
package enum FileStoreError: Error, Equatable, CustomStringConvertible {
    /// A system call failed: the disk is full, read-only, or the data directory's permissions are wrong.
    case io(operation: String, path: String, code: Int32)
    /// No file has this hash.
    case notFound(ContentHash)
    /// The requested byte range does not lie within the file.
    case rangeNotSatisfiable(lower: Int64, upper: Int64, size: Int64)
    /// The file changed size while it was being read: the store was altered outside the platform.
    case truncated(ContentHash)
    /// More bytes than the limit given to ``FileStore/put(_:upTo:accepting:)`` arrived; nothing was stored.
    case tooLarge(limit: Int64)
    /// A ``BlobWriter`` was used after it was sealed, published or abandoned: a defect of the platform.
    case writerClosed

    package var description: String {
        switch self {
        case .io(let operation, let path, let code):
            "\(operation) failed on \(path): \(POSIXFile.message(code)). Check the free space and the permissions of the data directory."
        case .notFound(let hash):
            "No stored file has the hash \(hash): it was never stored, or the data directory is not the platform's."
        case .rangeNotSatisfiable(let lower, let upper, let size):
            "Bytes \(lower)..<\(upper) lie outside the file of \(size) bytes: ask for a range within it."
        case .truncated(let hash):
            "The stored file \(hash) is shorter than it was: restore the data directory from a backup."
        case .tooLarge(let limit):
            "The file is larger than the \(limit) bytes accepted: nothing was stored; send a smaller file."
        case .writerClosed:
            "A file was written after it was closed: report this defect of the platform."
        }
    }
}
