import CoreSeal
import CoreTokens
import Foundation
import TestSupport
import Testing

/// Plis sealed by Sceau open with `openssl cms -decrypt`, and plis sealed by `openssl cms -encrypt` open
/// with Sceau, byte for byte.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PliSealerInteropTests {
    struct Sealing: Sendable, CustomTestStringConvertible {
        let cipher: SealCipher
        let padding: RSAKeyTransportPadding
        let naming: RecipientIdentifierKind
        let recipients: [String]
        var testDescription: String {
            "\(cipher.rawValue) \(padding) \(naming.rawValue) for \(recipients.joined(separator: ", "))"
        }
    }

    static let oaep = RSAKeyTransportPadding.oaep(hash: .sha256, mgfHash: .sha256)
    static let everyone = ["enc-rsa", "enc-rsa-backup", "enc-ec"]

    @Test(arguments: [
        Sealing(cipher: .aes256GCM, padding: oaep, naming: .issuerAndSerialNumber, recipients: ["enc-rsa"]),
        Sealing(cipher: .aes256CBC, padding: oaep, naming: .issuerAndSerialNumber, recipients: ["enc-rsa"]),
        Sealing(cipher: .aes256GCM, padding: .pkcs1v15, naming: .issuerAndSerialNumber, recipients: ["enc-rsa"]),
        Sealing(cipher: .aes256CBC, padding: .pkcs1v15, naming: .subjectKeyIdentifier, recipients: ["enc-rsa"]),
        Sealing(cipher: .aes256GCM, padding: oaep, naming: .issuerAndSerialNumber, recipients: ["enc-ec"]),
        Sealing(cipher: .aes256CBC, padding: oaep, naming: .subjectKeyIdentifier, recipients: ["enc-ec"]),
        Sealing(cipher: .aes256GCM, padding: oaep, naming: .subjectKeyIdentifier, recipients: everyone),
        Sealing(cipher: .aes256CBC, padding: .pkcs1v15, naming: .issuerAndSerialNumber, recipients: everyone),
    ])
    func whatWeSealOpenSSLOpens(_ sealing: Sealing) throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let plain = try fixtures.randomFile("offre.pdf", size: 3 << 20 + 12_345)
        let sealed = fixtures.work.appendingPathComponent("offre.pdf.p7m")
        let sealer = PliSealer(
            recipients: try sealing.recipients.map(fixtures.certificate), cipher: sealing.cipher,
            rsaPadding: sealing.padding, recipientIdentifier: sealing.naming)
        let digest = try sealer.seal(plain, to: sealed)
        #expect(digest.size == 3 << 20 + 12_345)
        #expect(digest.sha256 == (try fixtures.sha256(plain)))
        let original = try Data(contentsOf: plain)
        for name in sealing.recipients {
            let opened = try fixtures.opensslDecrypt(sealed, as: name)
            #expect(try Data(contentsOf: opened) == original, "openssl, \(name)")
            let ours = fixtures.work.appendingPathComponent("offre.\(name).pdf")
            try PliOpener(key: try fixtures.key(name)).open(sealed, to: ours, expectedSHA256: digest.sha256)
            #expect(try Data(contentsOf: ours) == original, "Sceau, \(name)")
        }
    }

    @Test(arguments: SealCipher.allCases)
    func anEmptyFileSealsAndOpens(_ cipher: SealCipher) throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let plain = try fixtures.randomFile("vide.txt", size: 0)
        let sealed = fixtures.work.appendingPathComponent("vide.txt.p7m")
        try PliSealer(recipients: [try fixtures.certificate("enc-rsa")], cipher: cipher).seal(plain, to: sealed)
        #expect(try Data(contentsOf: fixtures.opensslDecrypt(sealed, as: "enc-rsa")).isEmpty)
        let opened = fixtures.work.appendingPathComponent("vide.opened")
        #expect(try PliOpener(key: try fixtures.key("enc-rsa")).open(sealed, to: opened).size == 0)
        #expect(try Data(contentsOf: opened).isEmpty)
    }

    @Test(arguments: [
        ["-aes256"],
        ["-aes256", "-stream"],
        ["-aes-256-gcm"],
        ["-aes-256-gcm", "-stream"],
        ["-aes128"],
    ])
    func whatOpenSSLSealsForRSAOpens(_ cipher: [String]) throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let rsa = fixtures.pki.appendingPathComponent("enc-rsa.pem").path
        for keyOptions in [
            [], ["-keyopt", "rsa_padding_mode:oaep"],
            ["-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256", "-keyopt", "rsa_mgf1_md:sha256"],
        ] {
            try openWhatOpenSSLSealed(fixtures, cipher + ["-recip", rsa] + keyOptions, keys: ["enc-rsa"])
        }
    }

    @Test(arguments: [["-aes256"], ["-aes-256-gcm", "-stream"]])
    func whatOpenSSLSealsForSeveralRecipientsOpensWithEachKey(_ cipher: [String]) throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let recipients = PliSealerInteropTests.everyone.flatMap {
            ["-recip", fixtures.pki.appendingPathComponent("\($0).pem").path]
        }
        try openWhatOpenSSLSealed(fixtures, cipher + recipients, keys: PliSealerInteropTests.everyone)
    }

    private func openWhatOpenSSLSealed(_ fixtures: PliFixtures, _ arguments: [String], keys: [String]) throws {
        let plain = try fixtures.randomFile("memoire-\(UUID()).odt", size: 2 << 20 + 777)
        let sealed = try fixtures.opensslEncrypt(plain, arguments)
        let original = try Data(contentsOf: plain)
        for name in keys {
            let opened = fixtures.work.appendingPathComponent("opened-\(name)-\(UUID())")
            let digest = try PliOpener(key: try fixtures.key(name)).open(sealed, to: opened)
            #expect(try Data(contentsOf: opened) == original, "\(arguments) opened with \(name)")
            #expect(digest.size == Int64(original.count))
        }
    }
}
