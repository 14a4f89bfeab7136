import CoreCMS
import Foundation
import X509

/// What a verification trusts: the anchors chains must reach, the CRLs at hand, and whether revocation
/// data may be fetched over the network (the signer's OCSP responder first, then the CRLs of the
/// certificates' distribution points).
public struct VerificationPolicy: Sendable {
    public var trustAnchors: [Certificate]
    public var crls: [CertificateRevocationList]
    /// Whether the network may be used for revocation (OCSP, CRL downloads); `false` is `verify --offline`:
    /// only what the signature embeds and the CRLs given.
    public var fetchesCRLs: Bool
    /// How OCSP responders are asked (timeout, CertID hash, nonce, freshness); `nil` never asks them.
    public var ocsp: OCSPClient?
    /// The time "now" for signatures without a time-stamp (tests set it).
    public var now: Date

    public init(
        trustAnchors: [Certificate], crls: [CertificateRevocationList] = [], fetchesCRLs: Bool = true,
        ocsp: OCSPClient? = OCSPClient(), now: Date = Date()
    ) {
        self.trustAnchors = trustAnchors
        self.crls = crls
        self.fetchesCRLs = fetchesCRLs
        self.ocsp = ocsp
        self.now = now
    }

    func validator(intermediates: [Certificate], embeddedCRLs: [[UInt8]] = [], embeddedOCSPResponses: [[UInt8]] = [])
        -> CertificatePathValidator
    {
        CertificatePathValidator(
            trustAnchors: trustAnchors, intermediates: intermediates, crls: crls, fetchesCRLs: fetchesCRLs, ocsp: ocsp,
            embeddedCRLs: embeddedCRLs.compactMap { try? CertificateRevocationList(bytes: $0) },
            embeddedOCSPResponses: embeddedOCSPResponses)
    }
}
