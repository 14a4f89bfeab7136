import CoreTokens
import TestSupport
import Testing

extension TokenFixtureTests {
    /// Signing with the keys on the SoftHSM token, checked with the certificate's public key.
    @Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
    struct P11SigningKeyTests {
        let session: P11Session

        init() throws {
            let token = try TestEnvironment.token.fixture("SoftHSM token")
            session = try P11Library.registered().slot(tokenLabel: token.label).openSession()
            try session.login(pin: token.pin)
        }

        private func key(_ label: String) throws -> P11SigningKey {
            let certificate = try #require(try session.certificates().first { $0.label == label })
            return try P11SigningKey(session: session, certificate: certificate)
        }

        @Test(arguments: [
            ("signer-qualified", SignatureScheme.rsaPKCS1v15), ("signer-qualified", .rsaPSS), ("signer-plain", .ecdsa),
        ])
        func tokenSignaturesVerify(label: String, scheme: SignatureScheme) throws {
            let key = try key(label)
            for algorithm in DigestAlgorithm.allCases {
                let digest = algorithm.digest(Array("Acte d'engagement".utf8))
                let signature = try key.sign(digest: digest, digestAlgorithm: algorithm, scheme: scheme)
                #expect(
                    SignatureVerifier.isValid(
                        signature: signature, digest: digest, digestAlgorithm: algorithm, scheme: scheme,
                        publicKey: key.certificate.publicKey))
            }
        }

        @Test func keyTypesComeFromTheCertificates() throws {
            #expect(try key("signer-qualified").keyType == .rsa(bits: 2048))
            #expect(try key("signer-plain").keyType == .ec(curve: "P-256"))
            #expect(try key("enc-rsa").keyType == .rsa(bits: 3072))
        }

        @Test func aCertificateWithoutAKeyIsRefused() throws {
            let root = try #require(try session.certificates().first { $0.label == "root-ca" })
            #expect(throws: KeyStoreError.self) { try P11SigningKey(session: session, certificate: root) }
        }
    }
}
