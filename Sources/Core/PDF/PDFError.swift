/// A PDF that Sceau cannot read or sign, with what the user should do about it.
public enum PDFError: Error, Equatable, CustomStringConvertible {
    /// The file is encrypted (password or certificate protection): it cannot be signed as is.
    case encrypted
    /// The file is not a PDF, or its structure is damaged; the detail says where.
    case malformed(String)

    public var description: String {
        switch self {
        case .encrypted:
            "This PDF is encrypted. Remove its protection (or ask its author for an unprotected copy), then sign it."
        case .malformed(let detail):
            "This file is not a valid PDF (\(detail)). Check that it opens in a PDF reader, or save it again as PDF."
        }
    }
}
