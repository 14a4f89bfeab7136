/// Why a CMS signature does not hold (or cannot be judged), each saying what was found.
public enum CMSProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The message has no SignerInfo.
    case noSigner
    /// The signer's certificate is neither in the message nor among those given.
    case signerCertificateMissing
    /// Detached signature and no content given to check it against.
    case detachedContentMissing
    /// The content's digest differs from the signed message-digest: the content was changed.
    case contentDigestMismatch
    /// The signature value does not verify with the signer's public key.
    case signatureInvalid
    /// The signed content-type attribute differs from the message's content type.
    case contentTypeMismatch
    /// A mandatory signed attribute is absent.
    case missingSignedAttribute(String)
    /// The signing-certificate attribute names another certificate than the one that verifies.
    case signingCertificateMismatch
    /// An algorithm Sceau does not support.
    case unsupportedAlgorithm(String)
    /// The structure cannot be read.
    case malformed(String)
    /// The signature-time-stamp does not hold.
    case timestampInvalid(String)

    public var description: String {
        switch self {
        case .noSigner: "the signature holds no signer"
        case .signerCertificateMissing:
            "the signer's certificate is not in the signature; give it with --trust or ask for a signature that "
                + "includes it"
        case .detachedContentMissing:
            "this is a detached signature: give the signed file with --content"
        case .contentDigestMismatch:
            "the signed content was modified: its digest does not match the signed message-digest"
        case .signatureInvalid: "the signature value does not match the signer's key: the signature was altered"
        case .contentTypeMismatch: "the signed content-type attribute does not match the content"
        case .missingSignedAttribute(let name): "the mandatory signed attribute \(name) is missing"
        case .signingCertificateMismatch:
            "the signing-certificate attribute names another certificate: the certificate was swapped"
        case .unsupportedAlgorithm(let detail): "unsupported algorithm: \(detail)"
        case .malformed(let detail): "the signature cannot be read: \(detail)"
        case .timestampInvalid(let detail): "the signature time-stamp is not valid: \(detail)"
        }
    }
}
