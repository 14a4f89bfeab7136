import CoreModel
import CoreSeal
import CoreTokens
import Foundation
import TestSupport
import Testing

/// Opening split in two, as « Ouvrir en ligne » does: the content-encryption key unwrapped from the first
/// bytes of a pli (its header only) with a recipient's key, then the pli decrypted elsewhere with that key
/// alone. The plaintext is the same as a whole opening's; a wrong key opens nothing.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PliContentKeyTests {
    @Test(arguments: SealCipher.allCases, ["enc-rsa", "enc-ec"])
    func theKeyFromTheHeaderAloneOpensThePli(_ cipher: SealCipher, _ recipient: String) throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let plain = try fixtures.randomFile("offre.pdf", size: 3 << 20)
        let sealed = fixtures.work.appendingPathComponent("offre.pdf.p7m")
        let sealing = try PliSealer(
            recipients: [try fixtures.certificate("enc-rsa-backup"), try fixtures.certificate(recipient)],
            cipher: cipher
        ).seal(plain, to: sealed)
        let bytes = Array(try Data(contentsOf: sealed))
        // A few bytes are not the whole header: asked for more.
        #expect(throws: SealError.truncated) { try PliEnvelope.inspect(firstBytes: Array(bytes.prefix(100))) }
        let envelope = try PliEnvelope.inspect(firstBytes: Array(bytes.prefix(16 << 10)))
        #expect(envelope.authenticated == (cipher == .aes256GCM))
        let key = try envelope.contentEncryptionKey(with: [try fixtures.key(recipient)])
        #expect(key.bytes.count == 32)
        // The key never shows in a description.
        #expect(!"\(key)".contains(key.base64) && !String(reflecting: key).contains(key.bytes.hex))
        #expect(ContentEncryptionKey(base64: key.base64) == key)

        let output = fixtures.work.appendingPathComponent("offre.pdf")
        let digest = try PliOpener.open(sealed, to: output, contentEncryptionKey: key)
        #expect(digest == sealing)
        #expect(try fixtures.sha256(output) == sealing.sha256)

        // A key that is not a recipient's recovers nothing.
        #expect(throws: SealError.self) {
            try envelope.contentEncryptionKey(with: [try fixtures.key("enc-ec" == recipient ? "enc-rsa" : "enc-ec")])
        }
    }

    @Test func aWrongKeyFailsAESGCMAuthenticationAndLeavesNothing() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let plain = try fixtures.randomFile("offre.pdf", size: 200_000)
        let sealed = fixtures.work.appendingPathComponent("offre.pdf.p7m")
        try PliSealer(recipients: [try fixtures.certificate("enc-rsa")], cipher: .aes256GCM).seal(plain, to: sealed)
        let output = fixtures.work.appendingPathComponent("opened.pdf")
        var generator = SystemRandomNumberGenerator()
        let wrong = ContentEncryptionKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
        #expect(throws: SealError.authenticationFailed) {
            try PliOpener.open(sealed, to: output, contentEncryptionKey: wrong)
        }
        let short = ContentEncryptionKey(bytes: Array(repeating: 1, count: 16))
        #expect(throws: SealError.self) { try PliOpener.open(sealed, to: output, contentEncryptionKey: short) }
        #expect(try fixtures.files(containing: "opened.pdf").isEmpty)
    }

    /// AES-CBC has no tag: a wrong key is caught by the last block's padding, which a random key leaves
    /// valid about once in 256 tries. Of 16 wrong keys, at most two may pass (a chance of about 3 in
    /// 100,000 of more); each caught one leaves no output.
    @Test func wrongKeysFailAESCBCPaddingAndLeaveNothing() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let plain = try fixtures.randomFile("offre.pdf", size: 100_000)
        let sealed = fixtures.work.appendingPathComponent("offre.pdf.p7m")
        try PliSealer(recipients: [try fixtures.certificate("enc-rsa")], cipher: .aes256CBC).seal(plain, to: sealed)
        var generator = SystemRandomNumberGenerator()
        var passed = 0
        for attempt in 0..<16 {
            let output = fixtures.work.appendingPathComponent("opened-\(attempt).pdf")
            let wrong = ContentEncryptionKey(bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
            do {
                try PliOpener.open(sealed, to: output, contentEncryptionKey: wrong)
                passed += 1
            } catch {
                #expect(error as? SealError == .invalidPadding)
                #expect(try fixtures.files(containing: "opened-\(attempt).pdf").isEmpty)
            }
        }
        #expect(passed <= 2)
    }
}
