import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

/// The "Adapté pour les marchés publics" verdict on the test PKI's certificates.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct ProcurementConformityTests {
    let pki: URL

    init() throws { pki = try TestEnvironment.pkiDirectory.fixture("test PKI") }

    private func certificate(_ name: String) throws -> Certificate {
        try Certificate(pemEncoded: String(contentsOf: pki.appendingPathComponent("\(name).pem"), encoding: .utf8))
    }

    @Test func aQualifiedSigningCertificateSuits() async throws {
        let verdict = await ProcurementConformity.evaluate(try certificate("signer-qualified"))
        #expect(verdict.suitable)
        #expect(QualifiedStatements.isQualified(try certificate("signer-qualified")))
    }

    @Test func aNonQualifiedCertificateSuitsOnlyWithATrustedChain() async throws {
        let plain = try certificate("signer-plain")
        #expect(await ProcurementConformity.evaluate(plain).failures == [.qualifiedOrTrusted])
        let trusted = await ProcurementConformity.evaluate(
            plain, intermediates: [try certificate("intermediate-ca")], trustAnchors: [try certificate("root-ca")])
        #expect(trusted.suitable)
    }

    @Test func expiryAndUsageAreNamed() async throws {
        let anchors = [try certificate("root-ca")]
        let intermediates = [try certificate("intermediate-ca")]
        let expired = await ProcurementConformity.evaluate(
            try certificate("signer-expired"), intermediates: intermediates, trustAnchors: anchors)
        #expect(expired.failures == [.validity])
        let encryption = await ProcurementConformity.evaluate(
            try certificate("enc-rsa"), intermediates: intermediates, trustAnchors: anchors)
        #expect(encryption.failures == [.signatureUsage])
        #expect(ConformityCriterion.validity.description.contains("expiré"))
    }
}
