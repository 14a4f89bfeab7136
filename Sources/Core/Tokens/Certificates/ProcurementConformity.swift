import Foundation
import X509

/// Whether a certificate suits signatures in French public procurement ("Adapté pour les marchés publics"),
/// and every criterion it fails.
public struct ConformityVerdict: Sendable, Equatable, Codable {
    /// The criteria the certificate fails; empty when it suits.
    public let failures: [ConformityCriterion]

    /// The certificate passes every criterion.
    public var suitable: Bool { failures.isEmpty }
}

/// One rule a signing certificate for public procurement must follow.
public enum ConformityCriterion: String, Sendable, Codable, CaseIterable, CustomStringConvertible {
    /// Valid now: not expired and already in force.
    case validity
    /// Usable for signature: key usage nonRepudiation or digitalSignature.
    case signatureUsage
    /// A strong enough key: RSA of 2048 bits or more, or EC P-256 or larger.
    case keyStrength
    /// Qualified (QCStatements QcCompliance) or chaining to a configured trust anchor.
    case qualifiedOrTrusted

    /// What failed, as shown to the user (in French, as the assistant's screens).
    public var description: String {
        switch self {
        case .validity: "Le certificat est expiré ou pas encore valide."
        case .signatureUsage: "Le certificat n'est pas prévu pour la signature (usage de clé)."
        case .keyStrength: "La clé est trop faible (RSA 2048 bits ou EC P-256 au minimum)."
        case .qualifiedOrTrusted:
            "Le certificat n'est ni qualifié (QcCompliance) ni émis par une autorité de confiance configurée."
        }
    }
}

/// Evaluates ``ConformityVerdict``s.
public enum ProcurementConformity {
    /// Checks every criterion at `time`; `trustAnchors` are the configured roots, `intermediates` the
    /// certificates found beside the key.
    public static func evaluate(
        _ certificate: Certificate, intermediates: [Certificate] = [], trustAnchors: [Certificate] = [],
        at time: Date = Date()
    ) async -> ConformityVerdict {
        var failures: [ConformityCriterion] = []
        if time < certificate.notValidBefore || time > certificate.notValidAfter { failures.append(.validity) }
        let usage = try? certificate.extensions.keyUsage
        if let usage, !usage.nonRepudiation, !usage.digitalSignature { failures.append(.signatureUsage) }
        switch KeyType(publicKey: certificate.publicKey) {
        case .rsa(let bits) where bits >= 2048: break
        case .ec(let curve) where ["P-256", "P-384", "P-521"].contains(curve): break
        default: failures.append(.keyStrength)
        }
        // The chain is judged within the certificate's own validity, so that expiry counts once, as validity.
        let chainTime = min(max(time, certificate.notValidBefore), certificate.notValidAfter)
        let trusted = await chainsToAnchor(
            certificate, intermediates: intermediates, anchors: trustAnchors, at: chainTime)
        if !QualifiedStatements.isQualified(certificate), !trusted { failures.append(.qualifiedOrTrusted) }
        return ConformityVerdict(failures: failures)
    }

    private static func chainsToAnchor(
        _ certificate: Certificate, intermediates: [Certificate], anchors: [Certificate], at time: Date
    ) async -> Bool {
        guard !anchors.isEmpty else { return false }
        var verifier = Verifier(rootCertificates: CertificateStore(anchors)) {
            RFC5280Policy(validationTime: time)
        }
        let result = await verifier.validate(
            leaf: certificate, intermediates: CertificateStore(intermediates))
        if case .validCertificate = result { return true }
        return false
    }
}
