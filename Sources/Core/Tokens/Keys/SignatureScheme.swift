/// How a private key turns a digest into a signature.
public enum SignatureScheme: String, Sendable, Codable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 (RFC 8017 §8.2): the key signs DigestInfo(digest).
    case rsaPKCS1v15 = "rsa-pkcs1"
    /// RSASSA-PSS (RFC 8017 §8.1) with MGF1 over the same digest and a salt as long as the digest.
    case rsaPSS = "rsa-pss"
    /// ECDSA (FIPS 186-4) over the digest.
    case ecdsa = "ecdsa"
}

/// The kind and size of a key, as shown to the user and checked for conformity.
public enum KeyType: Sendable, Equatable, Codable, CustomStringConvertible {
    case rsa(bits: Int)
    /// An elliptic curve key, with the curve's name (`P-256`, `P-384`, `P-521`).
    case ec(curve: String)
    case other(String)

    public var description: String {
        switch self {
        case .rsa(let bits): "RSA \(bits) bits"
        case .ec(let curve): "EC \(curve)"
        case .other(let name): name
        }
    }

    /// The signature scheme used by default with this key: PKCS#1 v1.5 for RSA (what validators and
    /// signature policies expect), ECDSA for EC.
    public var defaultScheme: SignatureScheme? {
        switch self {
        case .rsa: .rsaPKCS1v15
        case .ec: .ecdsa
        case .other: nil
        }
    }
}
