/// A CMS (RFC 5652) structure that Sceau cannot build or read, with what the user should do about it.
public enum CMSError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not a CMS message of the expected type; the detail says what was found.
    case malformed(String)
    /// An algorithm the signature names is not one Sceau reads or writes.
    case unsupportedAlgorithm(String)
    /// The signing key refused or failed; the detail comes from the key store.
    case signingFailed(String)

    public var description: String {
        switch self {
        case .malformed(let detail):
            "This file is not a valid CMS signature (\(detail)). Check that you chose the signature file (.p7s)."
        case .unsupportedAlgorithm(let detail):
            "The signature uses an algorithm Sceau does not support (\(detail))."
        case .signingFailed(let detail):
            "The signature could not be made (\(detail)). Check the token and the PIN, then try again."
        }
    }
}
