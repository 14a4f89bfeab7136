/// A PDF that Sceau cannot read or sign, with what the user should do about it.
public enum PDFError: Error, Equatable, CustomStringConvertible {
    /// The file is encrypted (password or certificate protection): it cannot be signed as is.
    case encrypted
    /// The file is not a PDF, or its structure is damaged; the detail says where.
    case malformed(String)
    /// The file could not be read or written; the detail names the file and the system's reason.
    case io(String)
    /// The signature does not fit in the space reserved in /Contents.
    case signatureTooLarge(needed: Int, available: Int)
    /// The requested signature field name is already used by a field of the document.
    case fieldNameTaken(String)
    /// The document is certified (DocMDP, /P 1) so that no change, not even a signature, is allowed.
    case certifiedWithoutChanges
    /// The operation does not fit the state of the signature preparation (already committed, abandoned).
    case invalidState(String)

    public var description: String {
        switch self {
        case .encrypted:
            "This PDF is encrypted; remove the protection before signing (or ask its author for an unprotected copy)."
        case .malformed(let detail):
            "This file is not a valid PDF (\(detail)). Check that it opens in a PDF reader, or save it again as PDF."
        case .io(let detail):
            "The PDF could not be read or written (\(detail)). Check the file's location, permissions and free space."
        case .signatureTooLarge(let needed, let available):
            "The signature needs \(needed) bytes but only \(available) were reserved in the PDF: "
                + "prepare the document again with at least \(needed) bytes reserved."
        case .fieldNameTaken(let name):
            "The PDF already has a field named \"\(name)\": choose another signature field name."
        case .certifiedWithoutChanges:
            "This PDF was certified by its author with no changes allowed: signing it would break the certification. "
                + "Ask the author for a copy that allows signatures."
        case .invalidState(let detail):
            "The PDF signature preparation cannot do this now (\(detail)): prepare the document again."
        }
    }
}
