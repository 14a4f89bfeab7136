import CoreModel
import Foundation
import SwiftASN1
import X509

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Judges a certificate at a time: a chain to a configured trust anchor whose signatures hold, each
/// certificate valid then and not revoked then (CRLs given, or fetched from the distribution points).
public struct CertificatePathValidator: Sendable {
    public var trustAnchors: [Certificate]
    /// Certificates to build chains with (from the signature, from the store).
    public var intermediates: [Certificate]
    public var crls: [CertificateRevocationList]
    /// Whether CRLs named by the certificates' distribution points are downloaded (http only).
    public var fetchesCRLs: Bool
    public var fetchTimeout: TimeInterval

    public init(
        trustAnchors: [Certificate], intermediates: [Certificate] = [], crls: [CertificateRevocationList] = [],
        fetchesCRLs: Bool = true, fetchTimeout: TimeInterval = 5
    ) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.crls = crls
        self.fetchesCRLs = fetchesCRLs
        self.fetchTimeout = fetchTimeout
    }

    /// Judges `certificate` at `time` (the time-stamp's when there is one). `claimedSigningTime` tells an
    /// expired certificate that signed after its end (invalid) from one that expired since (indeterminate).
    public func validate(
        _ certificate: Certificate, at time: Date, purpose: CertificatePurpose, claimedSigningTime: Date? = nil,
        timeIsProven: Bool = false
    ) async -> PathValidation {
        var reasons: [String] = []
        var notes: [String] = []
        var invalid = false

        guard let chain = buildChain(from: certificate) else {
            return PathValidation(
                verdict: .indeterminate, chain: [certificate],
                reasons: [
                    "the certificate of \(certificate.subject) does not chain to a trusted authority (give its root "
                        + "with --trust)"
                ], notes: [])
        }

        switch purpose {
        case .signature:
            if let usage = try? certificate.extensions.keyUsage, !usage.digitalSignature, !usage.nonRepudiation {
                invalid = true
                reasons.append("the certificate is not for signing (key usage)")
            }
        case .timestamping:
            let usages = (try? certificate.extensions.extendedKeyUsage).map { Array($0) } ?? []
            if !usages.contains(.timeStamping) {
                invalid = true
                reasons.append("the certificate is not for time-stamping")
            }
        }

        for (index, link) in chain.enumerated() {
            let name = index == 0 ? "the signer's certificate" : "the authority \(link.subject)"
            if time < link.notValidBefore {
                invalid = true
                reasons.append("\(name) was not yet valid on \(Self.format(time))")
            } else if time > link.notValidAfter {
                if index == 0, !timeIsProven, let claimed = claimedSigningTime, claimed <= link.notValidAfter {
                    reasons.append(
                        "\(name) expired on \(Self.format(link.notValidAfter)); no time-stamp proves the signature "
                            + "was made before")
                } else {
                    invalid = true
                    reasons.append("\(name) expired on \(Self.format(link.notValidAfter))")
                }
            }
        }

        // Revocation: the end entity always (CRLs given, else downloaded); the intermediate authorities
        // when a CRL of theirs is at hand.
        for index in chain.indices.dropLast() {
            let link = chain[index]
            let issuer = chain[index + 1]
            let status = await revocation(of: link, issuedBy: issuer, mayFetch: index == 0)
            if index > 0, case .unknown = status { continue }
            if index > 0, case .notPublished = status { continue }
            switch status {
            case .revoked(let date) where date <= time:
                invalid = true
                reasons.append(
                    "\(index == 0 ? "the signer's certificate" : "\(link.subject)") was revoked on "
                        + Self.format(date))
            case .revoked(let date):
                notes.append("\(link.subject) was revoked on \(Self.format(date)), after the signature")
            case .good:
                break
            case .unknown(let why):
                reasons.append("the revocation status of \(link.subject) is unknown: \(why)")
            case .notPublished:
                notes.append("no revocation information is published for \(link.subject)")
            }
        }
        let verdict: PathValidation.Verdict = invalid ? .invalid : (reasons.isEmpty ? .valid : .indeterminate)
        return PathValidation(verdict: verdict, chain: chain, reasons: reasons, notes: notes)
    }

    /// The chain from `certificate` to a trust anchor, each link's signature checked; nil when none.
    public func buildChain(from certificate: Certificate) -> [Certificate]? {
        var chain = [certificate]
        var current = certificate
        for _ in 0..<10 {
            if trustAnchors.contains(current) { return chain }
            let candidates = (trustAnchors + intermediates).filter {
                $0.subject == current.issuer && $0 != current
                    && $0.publicKey.isValidSignature(current.signature, for: current)
            }
            guard let issuer = candidates.first(where: { trustAnchors.contains($0) }) ?? candidates.first else {
                return nil
            }
            chain.append(issuer)
            if trustAnchors.contains(issuer) { return chain }
            current = issuer
        }
        return nil
    }

    private enum Revocation {
        case good
        case revoked(Date)
        case unknown(String)
        case notPublished
    }

    private func revocation(of certificate: Certificate, issuedBy issuer: Certificate, mayFetch: Bool) async
        -> Revocation
    {
        var lists = crls.filter { $0.issuer == certificate.issuer && $0.isSigned(by: issuer) }
        if lists.isEmpty {
            guard mayFetch else { return .unknown("no CRL at hand") }
            let points = Self.distributionPoints(of: certificate)
            guard !points.isEmpty else { return .notPublished }
            guard fetchesCRLs else { return .unknown("its CRL (\(points.joined(separator: ", "))) was not given") }
            var failures: [String] = []
            for point in points {
                do {
                    let crl = try await fetch(point)
                    if crl.issuer == certificate.issuer, crl.isSigned(by: issuer) { lists.append(crl) }
                } catch {
                    failures.append("\(point): \(error.localizedDescription)")
                }
            }
            if lists.isEmpty {
                return .unknown("its CRL could not be obtained (\(failures.joined(separator: "; ")))")
            }
        }
        for list in lists {
            if let date = list.revoked[certificate.serialNumber] { return .revoked(date) }
        }
        return .good
    }

    private func fetch(_ point: String) async throws -> CertificateRevocationList {
        guard let url = URL(string: point) else { throw URLError(.badURL) }
        let request = URLRequest(url: url, timeoutInterval: fetchTimeout)
        let (data, response) = try await URLSession.shared.detachedData(for: request)
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw URLError(.badServerResponse)
        }
        return try CertificateRevocationList(bytes: Array(data))
    }

    /// The http URIs of the certificate's CRL distribution points (RFC 5280 §4.2.1.13).
    static func distributionPoints(of certificate: Certificate) -> [String] {
        // id-ce-cRLDistributionPoints 2.5.29.31.
        let oid: ASN1ObjectIdentifier = [2, 5, 29, 31]
        guard let found = certificate.extensions.first(where: { $0.oid == oid }),
            let root = try? DER.parse(found.value)
        else { return [] }
        var uris: [String] = []
        func walk(_ node: ASN1Node) {
            // uniformResourceIdentifier [6] IA5String, implicitly tagged.
            if node.identifier == ASN1Identifier(tagWithNumber: 6, tagClass: .contextSpecific),
                case .primitive(let bytes) = node.content, let text = String(bytes: bytes, encoding: .ascii),
                text.lowercased().hasPrefix("http")
            {
                uris.append(text)
            }
            if case .constructed(let children) = node.content { for child in children { walk(child) } }
        }
        walk(root)
        return uris
    }

    private static func format(_ date: Date) -> String { date.formatted(.iso8601) }
}
