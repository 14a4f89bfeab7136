import CoreModel
import Foundation
import SwiftASN1
import X509

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Judges a certificate at a time: a chain to a configured trust anchor whose signatures hold, each
/// certificate valid then and not revoked then.
///
/// The end entity's revocation status comes from, in this order: what the signature embeds (OCSP
/// responses, CRLs); its OCSP responder (Authority Information Access) when the network may be used;
/// the CRLs given, or downloaded from its distribution points. Authorities are checked with the CRLs
/// at hand.
public struct CertificatePathValidator: Sendable {
    public var trustAnchors: [Certificate]
    /// Certificates to build chains with (from the signature, from the store).
    public var intermediates: [Certificate]
    public var crls: [CertificateRevocationList]
    /// Whether revocation data may be fetched over the network: CRLs named by the certificates'
    /// distribution points (http only) and OCSP responders. `false` is `verify --offline`.
    public var fetchesCRLs: Bool
    public var fetchTimeout: TimeInterval
    /// Asks the end entity's OCSP responder before its CRLs, when `fetchesCRLs`; `nil`: never.
    public var ocsp: OCSPClient?
    /// Revocation data the signature carries (CMS `crls`, PAdES DSS, CAdES/XAdES revocation values).
    public var embeddedCRLs: [CertificateRevocationList]
    /// DER OCSPResponses the signature carries.
    public var embeddedOCSPResponses: [[UInt8]]

    public init(
        trustAnchors: [Certificate], intermediates: [Certificate] = [], crls: [CertificateRevocationList] = [],
        fetchesCRLs: Bool = true, fetchTimeout: TimeInterval = 5, ocsp: OCSPClient? = OCSPClient(),
        embeddedCRLs: [CertificateRevocationList] = [], embeddedOCSPResponses: [[UInt8]] = []
    ) {
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.crls = crls
        self.fetchesCRLs = fetchesCRLs
        self.fetchTimeout = fetchTimeout
        self.ocsp = ocsp
        self.embeddedCRLs = embeddedCRLs
        self.embeddedOCSPResponses = embeddedOCSPResponses
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
                ], notes: [], revocation: nil)
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

        // Revocation: the end entity always (embedded data, OCSP, CRLs given or downloaded); the
        // intermediate authorities when a CRL of theirs is at hand.
        var evidence: RevocationEvidence?
        for index in chain.indices.dropLast() {
            let link = chain[index]
            let issuer = chain[index + 1]
            let status = await revocation(of: link, issuedBy: issuer, mayFetch: index == 0)
            if index > 0, case .unknown = status { continue }
            if index > 0, case .notPublished = status { continue }
            switch status {
            case .revoked(let date, let reason, let source) where date <= time:
                invalid = true
                if index == 0 { evidence = source }
                reasons.append(
                    "\(index == 0 ? "the signer's certificate" : "\(link.subject)") was revoked on "
                        + Self.format(date) + (reason.map { " (\($0))" } ?? "") + ", according to \(source.sourceText)")
            case .revoked(let date, let reason, let source):
                if index == 0 { evidence = source }
                notes.append(
                    "\(link.subject) was revoked on \(Self.format(date))\(reason.map { " (\($0))" } ?? ""), after the "
                        + "signature, according to \(source.sourceText)")
            case .good(let source):
                if index == 0 {
                    evidence = source
                    if let fallback = source.fallbackReason { notes.append(fallback) }
                }
            case .unknown(let why):
                reasons.append("the revocation status of \(link.subject) is unknown: \(why)")
            case .notPublished:
                notes.append("no revocation information is published for \(link.subject)")
            }
        }
        let verdict: PathValidation.Verdict = invalid ? .invalid : (reasons.isEmpty ? .valid : .indeterminate)
        return PathValidation(verdict: verdict, chain: chain, reasons: reasons, notes: notes, revocation: evidence)
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

    enum Revocation {
        case good(RevocationEvidence)
        case revoked(Date, RevocationReason?, RevocationEvidence)
        case unknown(String)
        case notPublished
    }

    /// Embedded data first, then OCSP (when allowed and published), then CRLs.
    private func revocation(of certificate: Certificate, issuedBy issuer: Certificate, mayFetch: Bool) async
        -> Revocation
    {
        if let embedded = embeddedRevocation(of: certificate, issuedBy: issuer) { return embedded }
        var ocspFailure: String?
        if mayFetch, let ocsp, ocsp.responderURL != nil || !OCSPClient.responderURLs(of: certificate).isEmpty {
            if fetchesCRLs {
                do throws(OCSPError) {
                    let answer = try await ocsp.status(of: certificate, issuedBy: issuer)
                    switch answer.status {
                    case .good:
                        return .good(Self.evidence(.ocsp, .good, answer))
                    case .revoked(let date, let reason):
                        return .revoked(date, reason, Self.evidence(.ocsp, .revoked, answer))
                    case .unknown:
                        ocspFailure = "the OCSP responder \(answer.url ?? "") does not know this certificate"
                    }
                } catch {
                    ocspFailure = "OCSP gave no answer: \(error.description)"
                }
            } else {
                let urls = ocsp.responderURL.map { [$0.absoluteString] } ?? OCSPClient.responderURLs(of: certificate)
                ocspFailure = "its OCSP responder (\(urls.joined(separator: ", "))) is not asked offline"
            }
        }
        switch await crlRevocation(of: certificate, issuedBy: issuer, mayFetch: mayFetch) {
        case .good(let evidence): return .good(evidence.with(fallbackReason: ocspFailure))
        case .revoked(let date, let reason, let evidence):
            return .revoked(date, reason, evidence.with(fallbackReason: ocspFailure))
        case .unknown(let why): return .unknown(ocspFailure.map { "\($0); \(why)" } ?? why)
        case .notPublished: return ocspFailure.map { .unknown($0) } ?? .notPublished
        }
    }

    private static func evidence(
        _ source: RevocationEvidence.Source, _ status: RevocationEvidence.Status, _ answer: OCSPAnswer
    ) -> RevocationEvidence {
        RevocationEvidence(source: source, status: status, location: answer.url, time: answer.producedAt)
    }

    /// What the signature's own OCSP responses and CRLs say, when one of them speaks of `certificate`.
    private func embeddedRevocation(of certificate: Certificate, issuedBy issuer: Certificate) -> Revocation? {
        let checker = ocsp ?? OCSPClient()
        for response in embeddedOCSPResponses {
            for hash in OCSPHashAlgorithm.allCases {
                guard let id = try? OCSPCertificateID(certificate: certificate, issuer: issuer, hash: hash),
                    let answer = try? checker.check(response: response, for: id, issuer: issuer, nonce: nil, now: nil)
                else { continue }
                switch answer.status {
                case .good: return .good(Self.evidence(.embedded, .good, answer))
                case .revoked(let date, let reason):
                    return .revoked(date, reason, Self.evidence(.embedded, .revoked, answer))
                case .unknown: continue
                }
            }
        }
        for list in embeddedCRLs where list.issuer == certificate.issuer && list.isSigned(by: issuer) {
            if let date = list.revoked[certificate.serialNumber] {
                return .revoked(
                    date, nil,
                    RevocationEvidence(source: .embedded, status: .revoked, location: nil, time: list.thisUpdate))
            }
            return .good(RevocationEvidence(source: .embedded, status: .good, location: nil, time: list.thisUpdate))
        }
        return nil
    }

    /// The CRLs given, else those of the distribution points when `mayFetch` and the network may be used.
    private func crlRevocation(of certificate: Certificate, issuedBy issuer: Certificate, mayFetch: Bool) async
        -> Revocation
    {
        var lists = crls.filter { $0.issuer == certificate.issuer && $0.isSigned(by: issuer) }
            .map { (list: $0, location: String?.none) }
        if lists.isEmpty {
            guard mayFetch else { return .unknown("no CRL at hand") }
            let points = Self.distributionPoints(of: certificate)
            guard !points.isEmpty else { return .notPublished }
            guard fetchesCRLs else { return .unknown("its CRL (\(points.joined(separator: ", "))) was not given") }
            var failures: [String] = []
            for point in points {
                do {
                    let crl = try await fetch(point)
                    if crl.issuer == certificate.issuer, crl.isSigned(by: issuer) {
                        lists.append((list: crl, location: String?.some(point)))
                    }
                } catch {
                    failures.append("\(point): \(error.localizedDescription)")
                }
            }
            if lists.isEmpty {
                return .unknown("its CRL could not be obtained (\(failures.joined(separator: "; ")))")
            }
        }
        for (list, location) in lists {
            if let date = list.revoked[certificate.serialNumber] {
                return .revoked(
                    date, nil,
                    RevocationEvidence(source: .crl, status: .revoked, location: location, time: list.thisUpdate))
            }
        }
        let newest = lists.max { $0.list.thisUpdate < $1.list.thisUpdate }
        return .good(
            RevocationEvidence(
                source: .crl, status: .good, location: newest?.location, time: newest?.list.thisUpdate ?? Date()))
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
