import CoreModel
import Foundation
import X509

/// Lists the signing certificates of the user's stores with their procurement conformity verdict.
public struct CertificateCatalog: Sendable {
    /// The configured trust anchors (a non-qualified certificate suits when it chains to one).
    public var trustAnchors: [Certificate]

    public init(trustAnchors: [Certificate] = []) {
        self.trustAnchors = trustAnchors
    }

    /// The end-entity certificates on every present token of `library`, with their verdicts
    /// (certification authorities, stored beside them for the chain, are not listed).
    public func tokenCertificates(in library: P11Library) async -> [CertificateEntry] {
        await evaluate(Self.readTokenCertificates(library))
    }

    /// A certificate found on a token, before its verdict.
    public struct Found: Sendable {
        let source: CertificateEntry.Source
        let certificate: Certificate
        let chain: [Certificate]
    }

    /// Reads the certificates of every present token: blocking PKCS#11 calls, to run off the
    /// cooperative pool in a server. Tokens that cannot be read are skipped.
    public static func readTokenCertificates(_ library: P11Library) -> [Found] {
        var found: [Found] = []
        for slot in library.slots() {
            guard let token = try? slot.token(), token.initialized,
                let objects = try? slot.openSession().certificates()
            else { continue }
            let parsed = objects.compactMap { object in (try? Certificate(derEncoded: object.der)).map { (object, $0) }
            }
            let authorities = parsed.map(\.1).filter(\.isAuthority)
            for (object, certificate) in parsed where !certificate.isAuthority {
                let id = object.id.hex
                found.append(
                    Found(
                        source: .token(label: token.label, id: id, objectLabel: object.label),
                        certificate: certificate,
                        chain: CertificateChain.order(from: certificate, among: authorities)))
            }
        }
        return found
    }

    /// Gives each found certificate its verdict.
    public func evaluate(_ found: [Found]) async -> [CertificateEntry] {
        var entries: [CertificateEntry] = []
        for item in found { entries.append(await entry(item.source, item.certificate, item.chain)) }
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
