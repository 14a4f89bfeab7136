import CoreCMS
import Foundation
import X509

/// What a verification trusts: the anchors chains must reach, the CRLs at hand, and whether CRLs may
/// be downloaded from the certificates' distribution points.
public struct VerificationPolicy: Sendable {
    public var trustAnchors: [Certificate]
    public var crls: [CertificateRevocationList]
    public var fetchesCRLs: Bool
    /// The time "now" for signatures without a time-stamp (tests set it).
    public var now: Date

    public init(
        trustAnchors: [Certificate], crls: [CertificateRevocationList] = [], fetchesCRLs: Bool = true,
        now: Date = Date()
    ) {
        self.trustAnchors = trustAnchors
        self.crls = crls
        self.fetchesCRLs = fetchesCRLs
        self.now = now
    }

    func validator(intermediates: [Certificate]) -> CertificatePathValidator {
        CertificatePathValidator(
            trustAnchors: trustAnchors, intermediates: intermediates, crls: crls, fetchesCRLs: fetchesCRLs)
    }
}
