import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

/// PKCS#12 keys from the test PKI: opening, wrong passphrase, signing and verifying every scheme.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct SoftwareSigningKeyTests {
    let pki: URL

    init() throws { pki = try TestEnvironment.pkiDirectory.fixture("test PKI") }

    private func open(_ name: String) throws -> SoftwareSigningKey {
        try SoftwareSigningKey(pkcs12: pki.appendingPathComponent("\(name).p12").path, passphrase: "test1234")
    }

    @Test func opensAPKCS12WithItsChain() throws {
        let key = try open("signer-qualified")
        #expect(key.certificate.subject.description.contains("CN=Marie Dupont"))
        #expect(key.keyType == .rsa(bits: 2048))
        #expect(key.chain.contains { $0.subject.description.contains("Sceau Test Intermediate CA") })
    }

    @Test func aWrongPassphraseSaysSo() throws {
        let path = pki.appendingPathComponent("signer-qualified.p12").path
        #expect(throws: KeyStoreError.wrongPassphrase(path: path)) {
            try SoftwareSigningKey(pkcs12: path, passphrase: "wrong")
        }
    }

    @Test(arguments: [
        ("signer-qualified", SignatureScheme.rsaPKCS1v15), ("signer-qualified", .rsaPSS), ("signer-plain", .ecdsa),
    ])
    func signaturesVerifyAndTamperingIsDetected(name: String, scheme: SignatureScheme) throws {
        let key = try open(name)
        for algorithm in DigestAlgorithm.allCases {
            let digest = algorithm.digest(Array("Offre de la société Dupont".utf8))
            let signature = try key.sign(digest: digest, digestAlgorithm: algorithm, scheme: scheme)
            #expect(
                SignatureVerifier.isValid(
                    signature: signature, digest: digest, digestAlgorithm: algorithm, scheme: scheme,
                    publicKey: key.certificate.publicKey))
            var tampered = digest
            tampered[0] ^= 1
            #expect(
                !SignatureVerifier.isValid(
                    signature: signature, digest: tampered, digestAlgorithm: algorithm, scheme: scheme,
                    publicKey: key.certificate.publicKey))
        }
    }

    @Test func anECKeyRefusesRSASchemes() throws {
        let key = try open("signer-plain")
        #expect(throws: KeyStoreError.unsupportedScheme(.rsaPSS, .ec(curve: "P-256"))) {
            try key.sign(digest: DigestAlgorithm.sha256.digest([1]), digestAlgorithm: .sha256, scheme: .rsaPSS)
        }
    }

    @Test func ecdsaEncodingsRoundTrip() throws {
        let raw: [UInt8] = [0x00, 0x80] + [UInt8](repeating: 7, count: 30) + [0x01] + [UInt8](repeating: 0, count: 31)
        let der = try ECDSASignature.derFromRaw(raw)
        #expect(try ECDSASignature.rawFromDER(der, coordinateLength: 32) == raw)
    }
}
