/// A signature that could not be made, with what the user should do about it.
public enum SignatureError: Error, Equatable, CustomStringConvertible {
    /// Level B-T needs a time-stamping authority.
    case timestampAuthorityMissing
    /// The format cannot sign this file (e.g. PAdES of a file that is not a PDF).
    case unsuitableFile(path: String, reason: String)
    /// The output could not be written.
    case outputFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .timestampAuthorityMissing:
            "Level B-T needs a time-stamping authority: give its URL with --tsa (or SCEAU_TSA_URL)."
        case .unsuitableFile(let path, let reason):
            "\(path) cannot be signed in this format (\(reason))."
        case .outputFailed(let path, let reason):
            "The signature could not be written to \(path) (\(reason)). Check the free space and the permissions."
        }
    }
}
