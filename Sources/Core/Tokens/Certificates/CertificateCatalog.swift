import Foundation
import X509

/// Lists the signing certificates of the user's stores with their procurement conformity verdict.
public struct CertificateCatalog: Sendable {
    /// The configured trust anchors (a non-qualified certificate suits when it chains to one).
    public var trustAnchors: [Certificate]

    public init(trustAnchors: [Certificate] = []) {
        self.trustAnchors = trustAnchors
    }

    /// The end-entity certificates on every present token of `library` (certification authorities,
    /// stored beside them for the chain, are not listed). Tokens that cannot be read are skipped.
    public func tokenCertificates(in library: P11Library) async -> [CertificateEntry] {
        var entries: [CertificateEntry] = []
        for slot in library.slots() {
            guard let token = try? slot.token(), token.initialized,
                let objects = try? slot.openSession().certificates()
            else { continue }
            let parsed = objects.compactMap { object in (try? Certificate(derEncoded: object.der)).map { (object, $0) }
            }
            let authorities = parsed.map(\.1).filter(\.isAuthority)
            for (object, certificate) in parsed where !certificate.isAuthority {
                let id = object.id.map { String(format: "%02x", $0) }.joined()
                entries.append(
                    await entry(
                        .token(label: token.label, id: id, objectLabel: object.label), certificate, authorities))
            }
        }
        return entries
    }

    /// The certificate of a PKCS#12 file.
    public func pkcs12Certificate(_ key: SoftwareSigningKey, path: String) async -> CertificateEntry {
        await entry(.pkcs12(path: path), key.certificate, key.chain)
    }

    private func entry(
        _ source: CertificateEntry.Source, _ certificate: Certificate, _ chain: [Certificate]
    ) async -> CertificateEntry {
        let verdict = await ProcurementConformity.evaluate(
            certificate, intermediates: chain, trustAnchors: trustAnchors)
        return CertificateEntry(source: source, certificate: certificate, chain: chain, verdict: verdict)
    }
}

extension Certificate {
    /// A certification authority (basicConstraints cA true).
    var isAuthority: Bool {
        if case .isCertificateAuthority = try? extensions.basicConstraints { return true }
        return false
    }
}
