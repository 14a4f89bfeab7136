/// An XML Signature (XAdES) that Sceau cannot build or read, with what the user should do about it.
public enum XMLSignatureError: Error, Equatable, CustomStringConvertible {
    /// The document is not well-formed XML, or uses a feature refused for safety (DTD, external entities).
    case unsafeOrMalformed(String)
    /// The document declares a DOCTYPE (internal or external subset) or entities, which are refused.
    case doctypeRefused
    /// The document is larger than the limit accepted for signature files.
    case tooLarge(size: Int, limit: Int)

    public var description: String {
        switch self {
        case .unsafeOrMalformed(let detail):
            "This XML document cannot be read safely (\(detail)). Check that you chose the signature file (.xml)."
        case .doctypeRefused:
            "DOCTYPE refused: this XML document declares a DOCTYPE or entities, which signature files never need."
                + " Check that you chose the signature file (.xml) and that it was not altered."
        case .tooLarge(let size, let limit):
            "This XML document is \(size) bytes, over the \(limit)-byte limit for signature files."
                + " Check that you chose the signature file (.xml), not the signed document."
        }
    }
}
