/// The three signature formats of public procurement (ETSI baseline profiles).
public enum SignatureFormat: String, Sendable, Codable, CaseIterable {
    /// PAdES (EN 319 142): the signature inside the PDF, as an incremental update.
    case pades
    /// CAdES (EN 319 122): a CMS signature file beside the signed file (`.p7s`).
    case cades
    /// XAdES (EN 319 132): an XML signature file beside the signed file.
    case xades

    /// The extension of the file a signature produces.
    public var fileExtension: String {
        switch self {
        case .pades: "pdf"
        case .cades: "p7s"
        case .xades: "xml"
        }
    }
}

/// How long a signature can be checked: B-B (basic) or B-T (with a trusted time from a TSA).
public enum SignatureLevel: String, Sendable, Codable, CaseIterable {
    case basic = "b-b"
    case timestamp = "b-t"
}
