/// The signature formats of public procurement (ETSI baseline profiles), and the ASiC-E container.
public enum SignatureFormat: String, Sendable, Codable, CaseIterable {
    /// PAdES (EN 319 142): the signature inside the PDF, as an incremental update.
    case pades
    /// CAdES (EN 319 122): a CMS signature file beside the signed file (`.p7s`).
    case cades
    /// XAdES (EN 319 132): an XML signature file beside the signed file.
    case xades
    /// ASiC-E (EN 319 162-1): a ZIP container holding the files and XAdES signatures over them.
    case asice

    /// The extension of the file a signature produces.
    public var fileExtension: String {
        switch self {
        case .pades: "pdf"
        case .cades: "p7s"
        case .xades: "xml"
        case .asice: "asice"
        }
    }
}

/// How long a signature can be checked: B-B (basic) or B-T (with a trusted time from a TSA).
public enum SignatureLevel: String, Sendable, Codable, CaseIterable {
    case basic = "b-b"
    case timestamp = "b-t"
}
