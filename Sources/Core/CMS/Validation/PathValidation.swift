import Foundation
import X509

/// The verdict on a certificate at a given time, with the chain found and the reasons.
public struct PathValidation: Sendable {
    public enum Verdict: String, Sendable, Codable {
        /// Chains to a trust anchor, valid then, not revoked then.
        case valid
        /// Expired or revoked then, or a broken chain signature.
        case invalid
        /// Cannot be concluded: no chain to a trust anchor, revocation status unknown…
        case indeterminate
    }

    public let verdict: Verdict
    /// From the certificate to its trust anchor, when one was reached.
    public let chain: [Certificate]
    /// Why the verdict is not valid.
    public let reasons: [String]
    /// Facts worth showing with a valid verdict (e.g. "no revocation information published").
    public let notes: [String]
    /// Where the certificate's revocation status came from, when a source gave it.
    public let revocation: RevocationEvidence?
}

/// What a certificate is checked for.
public enum CertificatePurpose: Sendable {
    /// Signing documents: digitalSignature or nonRepudiation key usage.
    case signature
    /// Time-stamping: the id-kp-timeStamping extended key usage.
    case timestamping
}
