import CoreTokens
import Foundation
import X509

/// What checking one SignerInfo found: who signed, when they say, what a TSA vouches for, and every
/// problem. The certificate's trust (chain, validity, revocation) is judged separately by
/// ``CertificatePathValidator``.
public struct CMSSignerReport: Sendable {
    /// The certificate whose key verified (or should have verified) the signature.
    public let signer: Certificate?
    /// Certificates carried in the message, to build the chain from.
    public let certificates: [Certificate]
    public let algorithm: CMSSignatureAlgorithm?
    /// signing-time, as the signer claims it.
    public let claimedSigningTime: Date?
    /// The signature-time-stamp, when present.
    public let timestamp: TimestampReport?
    /// Whether the content is inside the message (enveloping) rather than detached.
    public let enveloping: Bool
    public let problems: [CMSProblem]

    /// Intact and made by ``signer`` (the time-stamp, when present, holds too).
    public var isIntact: Bool { problems.isEmpty }
}

/// What checking a signature-time-stamp found.
public struct TimestampReport: Sendable {
    /// The time the TSA vouches for.
    public let time: Date?
    /// The TSA's certificate.
    public let authority: Certificate?
    /// Certificates carried in the token.
    public let certificates: [Certificate]
    public let problems: [CMSProblem]
}
