import CoreTokens
import Foundation
import TestSupport
import Testing

extension TokenFixtureTests {
    /// Key transport and key agreement with the encryption keys, on the token and in PKCS#12 files,
    /// against what `openssl pkeyutl` produces.
    @Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
    struct DecryptionKeyTests {
        let pki: URL
        let session: P11Session
        let work: URL

        init() throws {
            let token = try TestEnvironment.token.fixture("SoftHSM token")
            pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
            session = try P11Library.registered().slot(tokenLabel: token.label).openSession()
            try session.login(pin: token.pin)
            work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-decrypt-\(UUID())")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        }

        private func keys(_ name: String) throws -> [any DecryptionKey] {
            let object = try #require(try session.certificates().first { $0.label == name })
            return [
                try P11DecryptionKey(session: session, certificate: object),
                try SoftwareDecryptionKey(
                    pkcs12: pki.appendingPathComponent("\(name).p12").path, passphrase: "test1234"),
            ]
        }

        /// Encrypts 32 random bytes for `certificate` with openssl; returns (plaintext, ciphertext).
        private func wrap(for name: String, options: [String]) throws -> ([UInt8], [UInt8]) {
            defer { try? FileManager.default.removeItem(at: work) }
            let plain = (0..<32).map { _ in UInt8.random(in: 0...255) }
            let input = work.appendingPathComponent("cek")
            let output = work.appendingPathComponent("cek.enc")
            try Data(plain).write(to: input)
            try run(
                "/usr/bin/openssl",
                [
                    "pkeyutl", "-encrypt", "-certin", "-inkey", pki.appendingPathComponent("\(name).pem").path,
                    "-in", input.path, "-out", output.path,
                ] + options)
            return (plain, Array(try Data(contentsOf: output)))
        }

        @Test(arguments: [
            (RSAKeyTransportPadding.pkcs1v15, ["-pkeyopt", "rsa_padding_mode:pkcs1"]),
            (.oaep(hash: .sha1, mgfHash: .sha1), ["-pkeyopt", "rsa_padding_mode:oaep"]),
            (
                .oaep(hash: .sha256, mgfHash: .sha256),
                [
                    "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:sha256", "-pkeyopt",
                    "rsa_mgf1_md:sha256",
                ]
            ),
        ])
        func rsaKeyTransportOpensWhatOpenSSLWrapped(padding: RSAKeyTransportPadding, options: [String]) throws {
            let (plain, wrapped) = try wrap(for: "enc-rsa", options: options)
            for key in try keys("enc-rsa") {
                #expect(try key.decryptKey(wrapped, padding: padding) == plain)
                var tampered = wrapped
                tampered[10] ^= 0x40
                #expect(throws: KeyStoreError.decryptionFailed) { try key.decryptKey(tampered, padding: padding) }
            }
        }

        @Test func ecdhAgreesWithOpenSSL() throws {
            defer { try? FileManager.default.removeItem(at: work) }
            let ephemeral = work.appendingPathComponent("eph.key")
            try run(
                "/usr/bin/openssl", ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", ephemeral.path])
            let peer = work.appendingPathComponent("peer.pem")
            try run(
                "/usr/bin/openssl",
                ["x509", "-in", pki.appendingPathComponent("enc-ec.pem").path, "-pubkey", "-noout", "-out", peer.path])
            let secretFile = work.appendingPathComponent("z")
            try run(
                "/usr/bin/openssl",
                ["pkeyutl", "-derive", "-inkey", ephemeral.path, "-peerkey", peer.path, "-out", secretFile.path])
            let publicDER = work.appendingPathComponent("eph.der")
            try run(
                "/usr/bin/openssl", ["ec", "-in", ephemeral.path, "-pubout", "-outform", "DER", "-out", publicDER.path])
            let point = Array(try Data(contentsOf: publicDER).suffix(65))
            let expected = Array(try Data(contentsOf: secretFile))
            for key in try keys("enc-ec") {
                #expect(try key.sharedSecret(withPeerPoint: point) == expected)
            }
        }
    }
}
