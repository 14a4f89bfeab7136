import CoreTokens

/// An XML-DSig `SignatureMethod`: a signature scheme with its digest, named by URI (RFC 9231 §2.3, RFC 6931 §2.3.10).
public struct XMLSignatureMethod: Hashable, Sendable {
    /// The signature scheme.
    public let scheme: SignatureScheme
    /// The digest algorithm hashed before signing.
    public let digestAlgorithm: DigestAlgorithm

    /// A signature method for a scheme and digest.
    public init(scheme: SignatureScheme, digestAlgorithm: DigestAlgorithm) {
        self.scheme = scheme
        self.digestAlgorithm = digestAlgorithm
    }

    /// The method a `SignatureMethod Algorithm` URI names; nil for any algorithm Sceau does not accept.
    public init?(uri: String) {
        for scheme in [SignatureScheme.rsaPKCS1v15, .rsaPSS, .ecdsa] {
            for digest in DigestAlgorithm.allCases
            where XMLSignatureMethod(scheme: scheme, digestAlgorithm: digest).uri == uri {
                self.init(scheme: scheme, digestAlgorithm: digest)
                return
            }
        }
        return nil
    }

    /// The `SignatureMethod Algorithm` URI.
    public var uri: String {
        let digest =
            switch digestAlgorithm {
            case .sha256: "sha256"
            case .sha384: "sha384"
            case .sha512: "sha512"
            }
        return switch scheme {
        case .rsaPKCS1v15: "http://www.w3.org/2001/04/xmldsig-more#rsa-\(digest)"
        case .ecdsa: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-\(digest)"
        case .rsaPSS: "http://www.w3.org/2007/05/xmldsig-more#\(digest)-rsa-MGF1"
        }
    }
}
