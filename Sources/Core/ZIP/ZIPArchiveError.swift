/// Why a ZIP archive cannot be written or read safely; each message says what to do.
public enum ZIPArchiveError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not a ZIP archive, or a damaged one.
    case unreadable(String)
    /// An entry whose name is absolute or climbs out of the archive (`..`).
    case unsafePath(String)
    /// Two entries with the same name: which one a reader sees depends on the reader.
    case duplicateName(String)
    /// An encrypted entry, which nothing here can check.
    case encrypted(String)
    /// An entry that expands far beyond its compressed size (a "ZIP bomb"), or beyond what it declares.
    case expansion(String)
    /// A compression method other than stored (0) or deflate (8).
    case unsupportedMethod(name: String, method: UInt16)
    /// Too many entries.
    case tooManyEntries(Int)
    /// An entry's data does not match its CRC-32 or its declared size.
    case corrupted(String)
    /// The archive could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let reason):
            "The archive cannot be read (\(reason)): it is not a ZIP file or it is damaged; ask for a new copy."
        case .unsafePath(let name):
            "The archive holds an entry with an absolute path or one that climbs out of it (\"\(name)\"): it is "
                + "refused; ask its sender to rebuild it from a plain folder."
        case .duplicateName(let name):
            "The archive holds two entries named \"\(name)\": it is refused, since tools would disagree on "
                + "which one is meant; ask its sender to rebuild it."
        case .encrypted(let name):
            "The entry \"\(name)\" is encrypted: it cannot be checked; ask for an archive without a password."
        case .expansion(let name):
            "The entry \"\(name)\" expands far beyond its compressed size (or beyond the size it declares): the "
                + "archive is refused as a possible ZIP bomb."
        case .unsupportedMethod(let name, let method):
            "The entry \"\(name)\" uses compression method \(method); only stored and deflate are read: rebuild "
                + "the archive with a standard ZIP tool."
        case .tooManyEntries(let count):
            "The archive holds \(count) entries, more than accepted: split it."
        case .corrupted(let name):
            "The entry \"\(name)\" is damaged (its CRC-32 or size does not match): ask for a new copy."
        case .writeFailed(let path, let reason):
            "The archive could not be written to \(path) (\(reason)). Check the free space and the permissions."
        }
    }
}
