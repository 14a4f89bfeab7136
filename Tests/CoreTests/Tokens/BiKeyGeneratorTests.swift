import CP11Kit
import Crypto
import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509

@testable import CoreTokens

extension TokenFixtureTests {
    /// Bi-key generation on the SoftHSM token and into PKCS#12 files, checked with openssl.
    @Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
    struct BiKeyGeneratorTests {
        let session: P11Session
        let work: URL

        init() throws {
            let token = try TestEnvironment.token.fixture("SoftHSM token")
            session = try P11Library.registered().slot(tokenLabel: token.label).openSession(readWrite: true)
            try session.login(pin: token.pin)
            work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-bikey-\(UUID())")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        }

        /// Seals 32 bytes for `certificate` with openssl and checks `key` opens them.
        private func checkOpens(_ key: any DecryptionKey, certificate: Certificate) throws {
            let pem = work.appendingPathComponent("cert.pem")
            try certificate.serializeAsPEM().pemString.write(to: pem, atomically: true, encoding: .utf8)
            let plain = (0..<32).map { _ in UInt8.random(in: 0...255) }
            try Data(plain).write(to: work.appendingPathComponent("cek"))
            try run(
                "/usr/bin/openssl",
                [
                    "pkeyutl", "-encrypt", "-certin", "-inkey", pem.path, "-in",
                    work.appendingPathComponent("cek").path,
                    "-out", work.appendingPathComponent("cek.enc").path, "-pkeyopt", "rsa_padding_mode:oaep",
                    "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt", "rsa_mgf1_md:sha256",
                ])
            let wrapped = Array(try Data(contentsOf: work.appendingPathComponent("cek.enc")))
            #expect(try key.decryptKey(wrapped, padding: .oaep(hash: .sha256, mgfHash: .sha256)) == plain)
        }

        @Test func anRSABiKeyIsBornOnTheTokenAndNeverLeavesIt() async throws {
            defer { try? FileManager.default.removeItem(at: work) }
            let label = "bikey-\(UUID().uuidString.prefix(8))"
            let request = BiKeyRequest(
                commonName: "Service Achats — Marie Dupont", validityDays: 365, algorithm: .rsa2048)
            let certificate = try await BiKeyGenerator.onToken(request, session: session, label: label)
            defer {
                for object in (try? session.findObjects([.label(label)])) ?? [] { session.destroyObject(object) }
            }
            #expect(certificate.subject.description.contains("Service Achats — Marie Dupont"))
            #expect(certificate.issuer == certificate.subject)
            #expect(try certificate.extensions.keyUsage?.keyEncipherment == true)
            #expect(certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
            let days = certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore) / 86_400
            #expect((365...366).contains(Int(days.rounded())))

            let privateKey = try #require(
                try session.findObjects([.objectClass(CK_OBJECT_CLASS(CKO_PRIVATE_KEY)), .label(label)]).first)
            #expect(try session.attribute(CK_ATTRIBUTE_TYPE(CKA_EXTRACTABLE), of: privateKey) == [0])
            #expect(try session.attribute(CK_ATTRIBUTE_TYPE(CKA_SENSITIVE), of: privateKey) == [1])
            let stored = try #require(try session.certificates().first { $0.label == label })
            try checkOpens(try P11DecryptionKey(session: session, certificate: stored), certificate: certificate)
        }

        @Test func anECBiKeyAgreesOnTheToken() async throws {
            defer { try? FileManager.default.removeItem(at: work) }
            let label = "bikey-ec-\(UUID().uuidString.prefix(8))"
            let certificate = try await BiKeyGenerator.onToken(
                BiKeyRequest(commonName: "Acheteur ECDH", algorithm: .ecP256), session: session, label: label)
            defer {
                for object in (try? session.findObjects([.label(label)])) ?? [] { session.destroyObject(object) }
            }
            #expect(try certificate.extensions.keyUsage?.keyAgreement == true)
            let stored = try #require(try session.certificates().first { $0.label == label })
            let key = try P11DecryptionKey(session: session, certificate: stored)
            let peer = P256.KeyAgreement.PrivateKey()
            let expected = try peer.sharedSecretFromKeyAgreement(
                with: P256.KeyAgreement.PublicKey(x963Representation: Array(try x963(certificate))))
            let secret = try key.sharedSecret(withPeerPoint: Array(peer.publicKey.x963Representation))
            #expect(secret == expected.withUnsafeBytes { Array($0) })
        }

        @Test func aSoftwareBiKeyGoesIntoANewPKCS12() async throws {
            defer { try? FileManager.default.removeItem(at: work) }
            let path = work.appendingPathComponent("bi-cle.p12").path
            let certificate = try await BiKeyGenerator.pkcs12(
                BiKeyRequest(commonName: "Cellule marchés", algorithm: .rsa2048), passphrase: "secret-de-test",
                path: path)
            let listed = try await run(
                "/usr/bin/openssl", ["pkcs12", "-in", path, "-passin", "pass:secret-de-test", "-nokeys"])
            // openssl prints non-ASCII subject bytes escaped (\C3\A9).
            #expect(listed.contains("BEGIN CERTIFICATE") && listed.contains("Cellule march"))
            try checkOpens(
                try SoftwareDecryptionKey(pkcs12: path, passphrase: "secret-de-test"), certificate: certificate)
            await #expect(throws: KeyStoreError.self) {
                try await BiKeyGenerator.pkcs12(BiKeyRequest(commonName: "x"), passphrase: "secret-de-test", path: path)
            }
        }

        private func x963(_ certificate: Certificate) throws -> [UInt8] {
            Array(try P256.Signing.PublicKey(certificate.publicKey)?.x963Representation ?? Data())
        }
    }
}
