/// A CMS (RFC 5652) structure that Sceau cannot build or read, with what the user should do about it.
public enum CMSError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a CMS message of the expected type; the detail says what was found.
    case malformed(String)

    public var description: String {
        switch self {
        case .malformed(let detail):
            "This file is not a valid CMS signature (\(detail)). Check that you chose the signature file (.p7s)."
        }
    }
}
