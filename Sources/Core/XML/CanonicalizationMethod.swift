/// The XML canonicalization algorithms Sceau reads (and, for exclusive C14N, writes).
public enum CanonicalizationMethod: String, Sendable, CaseIterable {
    /// Exclusive XML Canonicalization 1.0, without comments.
    case exclusive = "http://www.w3.org/2001/10/xml-exc-c14n#"
    /// Exclusive XML Canonicalization 1.0, with comments.
    case exclusiveWithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
    /// Canonical XML 1.0 (inclusive), without comments.
    case inclusive = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    /// Canonical XML 1.0 (inclusive), with comments.
    case inclusiveWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"

    var isExclusive: Bool { self == .exclusive || self == .exclusiveWithComments }
    var keepsComments: Bool { self == .exclusiveWithComments || self == .inclusiveWithComments }
}
