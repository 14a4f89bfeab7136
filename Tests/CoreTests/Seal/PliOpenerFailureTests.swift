import CoreModel
import CoreSeal
import CoreTokens
import Foundation
import TestSupport
import Testing

/// A truncated, altered or misaddressed pli says which it is and leaves no output file; a large file
/// round-trips.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PliOpenerFailureTests {
    private func sealed(
        _ fixtures: PliFixtures, cipher: SealCipher, for recipient: String = "enc-rsa", size: Int = 256 << 10
    ) throws -> (plain: URL, sealed: URL, digest: PliDigest) {
        let plain = try fixtures.randomFile("candidature.pdf", size: size)
        let sealed = fixtures.work.appendingPathComponent("candidature.pdf.p7m")
        let digest = try PliSealer(recipients: [try fixtures.certificate(recipient)], cipher: cipher)
            .seal(plain, to: sealed)
        return (plain, sealed, digest)
    }

    /// Opens `sealed` into `opened.pdf` expecting `error`, and checks that nothing was left behind.
    private func expectFailure(
        _ fixtures: PliFixtures, _ sealed: URL, key: String = "enc-rsa", expectedSHA256: [UInt8]? = nil,
        matching: (SealError) -> Bool
    ) throws {
        let output = fixtures.work.appendingPathComponent("opened.pdf")
        let opener = PliOpener(key: try fixtures.key(key))
        let error = #expect(throws: SealError.self) {
            try opener.open(sealed, to: output, expectedSHA256: expectedSHA256)
        }
        if let error { #expect(matching(error), "\(error)") }
        #expect(try fixtures.files(containing: "opened.pdf").isEmpty)
    }

    @Test(arguments: SealCipher.allCases)
    func aTruncatedPliIsIncomplete(_ cipher: SealCipher) throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (_, sealed, _) = try sealed(fixtures, cipher: cipher)
        let bytes = try Data(contentsOf: sealed)
        for length in [bytes.count / 2, bytes.count - 1, 40] {
            let cut = fixtures.work.appendingPathComponent("cut.p7m")
            try bytes.prefix(length).write(to: cut)
            try expectFailure(fixtures, cut) { $0 == .truncated }
            #expect(SealError.truncated.description.contains("download it again"))
        }
    }

    @Test func aFlippedByteFailsAESGCMAuthentication() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (_, sealed, _) = try sealed(fixtures, cipher: .aes256GCM)
        var bytes = try Data(contentsOf: sealed)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: sealed)
        try expectFailure(fixtures, sealed) { $0 == .authenticationFailed }
    }

    @Test func aFlippedByteInAESCBCDoesNotMatchTheExpectedDigest() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (_, sealed, digest) = try sealed(fixtures, cipher: .aes256CBC)
        var bytes = try Data(contentsOf: sealed)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: sealed)
        try expectFailure(fixtures, sealed, expectedSHA256: digest.sha256) {
            if case .digestMismatch(let expected, _) = $0 { return expected == digest.sha256Hex }
            return false
        }
    }

    @Test func aPliForAnotherKeyNamesItsRecipients() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (_, sealed, _) = try sealed(fixtures, cipher: .aes256GCM, for: "enc-rsa-backup")
        let backup = try fixtures.certificate("enc-rsa-backup")
        let serial = backup.serialNumber.bytes.hex
        try expectFailure(fixtures, sealed) {
            guard case .notSealedForKey(_, let recipients) = $0 else { return false }
            return recipients.count == 1 && recipients[0].contains("Sceau Test Intermediate CA")
                && recipients[0].hasSuffix(serial) && $0.description.contains("not sealed for your key")
        }
    }

    @Test func aWrongKeyCannotRecoverTheContentKey() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (_, sealed, _) = try sealed(fixtures, cipher: .aes256GCM, for: "enc-rsa")
        var bytes = try Data(contentsOf: sealed)
        // The RSA-encrypted content key is the first OCTET STRING of a modulus' length: alter its last byte.
        let start = try #require(Self.rsaEncryptedKeyOffset(Array(bytes)))
        let length = Int(bytes[start + 2]) << 8 | Int(bytes[start + 3])
        bytes[start + 4 + length - 1] ^= 0x01
        try bytes.write(to: sealed)
        try expectFailure(fixtures, sealed) {
            if case .keyRecoveryFailed = $0 { return true }
            return false
        }
    }

    @Test func openSSLsDefaultTripleDESIsRefused() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let plain = try fixtures.randomFile("dc1.pdf", size: 4096)
        let sealed = try fixtures.opensslEncrypt(plain, [fixtures.pki.appendingPathComponent("enc-rsa.pem").path])
        try expectFailure(fixtures, sealed) {
            if case .unsupportedAlgorithm(let detail) = $0 { return detail.contains("1.2.840.113549.3.7") }
            return false
        }
    }

    /// The offset of the first OCTET STRING header `04 82 LL LL` whose length is an RSA modulus' length.
    private static func rsaEncryptedKeyOffset(_ bytes: [UInt8]) -> Int? {
        for index in 0..<(bytes.count - 4) where bytes[index] == 0x04 && bytes[index + 1] == 0x82 {
            let length: Int = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if length == 256 || length == 384 || length == 512 { return index }
        }
        return nil
    }

    @Test func a64MiBFileRoundTrips() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (plain, sealed, digest) = try sealed(fixtures, cipher: .aes256GCM, for: "enc-ec", size: 64 << 20)
        let opened = fixtures.work.appendingPathComponent("opened.pdf")
        let result = try PliOpener(key: try fixtures.key("enc-ec")).open(sealed, to: opened)
        #expect(result == digest)
        #expect(result.size == 64 << 20)
        #expect(try fixtures.sha256(opened) == fixtures.sha256(plain))
    }

    /// Found while fuzzing (by review, docs/fuzzing.md): the encrypted content's segments nested without end (a bidder can seal for
    /// the published recipient certificate) overflowed the stack of whoever opens the pli. Now refused.
    @Test func endlesslyNestedSegmentsAreRefusedNotAStackOverflow() throws {
        let fixtures = try PliFixtures()
        defer { fixtures.removeWork() }
        let (_, sealed, _) = try sealed(fixtures, cipher: .aes256GCM, size: 0)
        // An empty plaintext under AES-GCM ends: A0 80 (encryptedContent), 00 00, 00 00, 04 10 tag, 00 00 ×3.
        let bytes = Array(try Data(contentsOf: sealed))
        let prefix = Array(bytes.dropLast(28))
        #expect(prefix.suffix(2) == [0xA0, 0x80])
        let nested = fixtures.work.appendingPathComponent("nested.p7m")
        try Data(prefix + Array(repeating: [0x24, 0x80], count: 200_000).joined()).write(to: nested)
        try expectFailure(fixtures, nested) {
            if case .notASealedPli(let reason) = $0 { return reason.contains("nested") }
            return false
        }
    }
}
