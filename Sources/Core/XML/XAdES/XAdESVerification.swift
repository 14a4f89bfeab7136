import CoreCMS
import Foundation
import X509

/// What checking an XML signature found: the signer, the claimed time, the time-stamp, and every problem.
/// The certificate's trust is judged separately (chain, validity, revocation).
public struct XAdESVerification: Sendable {
    public let signer: Certificate?
    /// The certificates of KeyInfo, to build the chain with.
    public let certificates: [Certificate]
    public let claimedSigningTime: Date?
    public let timestamp: TimestampReport?
    /// The external files the signature covers, by their URI.
    public let signedFiles: [String]
    /// Whether the document carries XAdES qualifying properties (not plain XML-DSig).
    public let isXAdES: Bool
    public let problems: [XAdESProblem]
}
