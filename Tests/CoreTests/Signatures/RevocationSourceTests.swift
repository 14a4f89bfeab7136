import CoreCMS
import CoreSignatures
import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

/// Verification asks the signer's OCSP responder first, falls back to CRLs, uses what the signature
/// embeds, stays off the network when offline, and its report says which source answered and when.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.ocspURL), "needs the test PKI and its OCSP responder"))
struct RevocationSourceTests {
    let pki: URL
    let url: String
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        url = try TestEnvironment.ocspURL.fixture("OCSP responder")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-ocsp-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func root() throws -> Certificate {
        try Certificate(pemEncoded: String(contentsOfFile: pkiPath("root-ca.pem"), encoding: .utf8))
    }

    private func crl() throws -> CertificateRevocationList {
        try CertificateRevocationList(
            bytes: Array(try Data(contentsOf: URL(fileURLWithPath: pkiPath("intermediate.crl")))))
    }

    /// A detached CAdES signature by `name` (its PKCS#12), with `embeddedCRL` in the SignedData's crls.
    private func sign(_ name: String, embeddedCRL: Bool = false) async throws -> (signature: URL, content: URL) {
        let content = work.appendingPathComponent("offre-\(name).pdf")
        try Data((0..<10_000).map { _ in UInt8.random(in: 0...255) }).write(to: content)
        let key = try SoftwareSigningKey(pkcs12: pkiPath("\(name).p12"), passphrase: "test1234")
        var bytes = try await CAdESSigner(key: key, digestAlgorithm: .sha256, scheme: nil).signDetached(fileAt: content)
        if embeddedCRL {
            var signedData = try CMSSignedData(contentInfo: bytes)
            signedData.crls = [Array(try Data(contentsOf: URL(fileURLWithPath: pkiPath("intermediate.crl.der"))))]
            bytes = try signedData.contentInfo()
        }
        let signature = work.appendingPathComponent("offre-\(name).p7s")
        try Data(bytes).write(to: signature)
        return (signature, content)
    }

    private func verify(_ signed: (signature: URL, content: URL), policy: VerificationPolicy) async throws
        -> VerificationReport
    {
        let reports = await CAdESVerifier.verify(signature: signed.signature, content: signed.content, policy: policy)
        return try #require(reports.first)
    }

    @Test func theReportNamesOCSPWhenTheResponderAnswers() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try await verify(sign("signer-qualified"), policy: VerificationPolicy(trustAnchors: [root()]))
        #expect(report.verdict == .valid, "\(report.reasons)")
        let revocation = try #require(report.revocation)
        #expect(revocation.source == .ocsp)
        #expect(revocation.status == .good)
        #expect(revocation.location == url)
        #expect(abs(revocation.time.timeIntervalSinceNow) < 600)
        #expect(report.text.contains("Revocation: good, by OCSP (\(url)) at "))
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains(#""source":"OCSP""#))
    }

    @Test func aCertificateRevokedAccordingToOCSPMakesTheSignatureInvalid() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let report = try await verify(sign("signer-revoked"), policy: VerificationPolicy(trustAnchors: [root()]))
        #expect(report.verdict == .invalid)
        #expect(report.revocation?.source == .ocsp)
        #expect(report.revocation?.status == .revoked)
        #expect(
            report.reasons.contains {
                $0.contains("was revoked on") && $0.contains("(key compromise)") && $0.contains("OCSP")
            })
    }

    @Test func anUnreachableResponderFallsBackToTheCRL() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let deadResponder = OCSPClient(responderURL: URL(string: "http://127.0.0.1:1/"))
        let policy = VerificationPolicy(trustAnchors: try [root()], crls: [try crl()], ocsp: deadResponder)

        let revoked = try await verify(sign("signer-revoked"), policy: policy)
        #expect(revoked.verdict == .invalid)
        #expect(revoked.revocation?.source == .crl)
        #expect(revoked.revocation?.fallbackReason?.contains("cannot be reached") == true)

        let good = try await verify(sign("signer-qualified"), policy: policy)
        #expect(good.verdict == .valid, "\(good.reasons)")
        #expect(good.revocation?.source == .crl)
        #expect(good.reasons.contains { $0.contains("OCSP gave no answer") }, "the fallback is told")

        // Without a CRL either, nothing can be concluded.
        var noCRL = policy
        noCRL.crls = []
        let unknown = try await verify(sign("signer-qualified"), policy: noCRL)
        #expect(unknown.verdict == .indeterminate)
        #expect(unknown.revocation == nil)
        #expect(unknown.reasons.contains { $0.contains("revocation status") && $0.contains("cannot be reached") })
    }

    @Test func offlineTheResponderIsNotAskedAndEmbeddedDataIsUsed() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        // The responder would answer "good": offline it is not asked, so nothing is known.
        var offline = VerificationPolicy(trustAnchors: try [root()], fetchesCRLs: false)
        let signed = try await sign("signer-qualified")
        let unasked = try await verify(signed, policy: offline)
        #expect(unasked.verdict == .indeterminate)
        #expect(unasked.reasons.contains { $0.contains("is not asked offline") })

        // A CRL given answers offline.
        offline.crls = [try crl()]
        let given = try await verify(signed, policy: offline)
        #expect(given.verdict == .valid, "\(given.reasons)")
        #expect(given.revocation?.source == .crl)
        #expect(given.revocation?.location == nil)

        // So does a CRL carried by the signature, before anything else.
        offline.crls = []
        let embedded = try await verify(sign("signer-revoked", embeddedCRL: true), policy: offline)
        #expect(embedded.verdict == .invalid)
        #expect(embedded.revocation?.source == .embedded)
        #expect(embedded.revocation?.status == .revoked)
        #expect(embedded.text.contains("Revocation: revoked, by embedded at "))
    }

    @Test func aResponseEmbeddedInTheSignatureIsUsedOffline() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        // What B-LT keeps: the responder's answer, read again later without the network.
        let intermediate = try Certificate(
            pemEncoded: String(contentsOfFile: pkiPath("intermediate-ca.pem"), encoding: .utf8))
        let signer = try Certificate(pemEncoded: String(contentsOfFile: pkiPath("signer-revoked.pem"), encoding: .utf8))
        let answer = try await OCSPClient().status(of: signer, issuedBy: intermediate)
        let validator = CertificatePathValidator(
            trustAnchors: [try root()], intermediates: [intermediate], fetchesCRLs: false,
            embeddedOCSPResponses: [answer.response])
        let path = await validator.validate(signer, at: Date(), purpose: .signature)
        #expect(path.verdict == .invalid)
        #expect(path.revocation?.source == .embedded)
        #expect(path.revocation?.location == nil)
        #expect(path.reasons.contains { $0.contains("(key compromise)") })
    }
}
