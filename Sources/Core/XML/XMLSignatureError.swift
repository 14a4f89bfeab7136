/// An XML Signature (XAdES) that Sceau cannot build or read, with what the user should do about it.
public enum XMLSignatureError: Error, Equatable, CustomStringConvertible {
    /// The document is not well-formed XML, or uses a feature refused for safety (DTD, external entities).
    case unsafeOrMalformed(String)

    public var description: String {
        switch self {
        case .unsafeOrMalformed(let detail):
            "This XML document cannot be read safely (\(detail)). Check that you chose the signature file (.xml)."
        }
    }
}
