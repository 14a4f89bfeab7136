/// Why an XML signature does not hold, or cannot be judged.
public enum XAdESProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// The document cannot be read safely (malformed, DOCTYPE, too large).
    case unreadable(String)
    /// Not exactly one ds:Signature.
    case signatureCount(Int)
    /// An algorithm outside the accepted list.
    case unsupportedAlgorithm(String)
    /// Several elements carry the same Id: a signature-wrapping attempt, or a damaged file.
    case duplicateId(String)
    /// A reference points at nothing, or at an element that is not where XAdES puts it.
    case misplacedReference(String)
    /// The detached file was not given and is not beside the signature.
    case contentMissing(String)
    /// The signed file is there but cannot be read to the end (a damaged container entry).
    case contentUnreadable(name: String, reason: String)
    /// A file was given as the signed content, but the signature references no external file: it does not
    /// cover that file, whatever else it signs.
    case contentNotCovered(String)
    /// A referenced element or file does not match its digest: it was modified.
    case referenceDigestMismatch(String)
    /// The SignatureValue does not verify over SignedInfo.
    case signatureInvalid
    /// No certificate in KeyInfo matches the signing certificate.
    case signerCertificateMissing
    /// The structure lacks a mandatory part.
    case missingElement(String)
    /// The SignatureTimeStamp does not hold.
    case timestampInvalid(String)

    /// Problems that leave the question open rather than prove an alteration.
    public var isIndeterminate: Bool {
        switch self {
        case .contentMissing, .signerCertificateMissing, .unsupportedAlgorithm: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let detail): "the signature file cannot be read safely: \(detail)"
        case .signatureCount(let count): "the document holds \(count) ds:Signature elements; exactly one is expected"
        case .unsupportedAlgorithm(let uri): "unsupported algorithm \(uri)"
        case .duplicateId(let id): "several elements carry the Id \"\(id)\": the signature may have been wrapped"
        case .misplacedReference(let detail): "a reference is not where it must be: \(detail)"
        case .contentMissing(let name):
            "the signed file \"\(name)\" was not found: give it with --content (or put it next to the signature)"
        case .contentUnreadable(let name, let reason): "the signed file \"\(name)\" cannot be read: \(reason)"
        case .contentNotCovered(let name):
            "the signature covers no external file, so it does not sign \"\(name)\": it is not a signature of that file"
        case .referenceDigestMismatch(let what): "\(what) was modified: its digest does not match the signed one"
        case .signatureInvalid: "the signature value does not match the signer's key: the signature was altered"
        case .signerCertificateMissing: "no certificate in the signature matches the signing certificate"
        case .missingElement(let name): "the signature has no \(name)"
        case .timestampInvalid(let detail): "the signature time-stamp is not valid: \(detail)"
        }
    }
}
