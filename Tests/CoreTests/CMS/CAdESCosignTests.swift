import CoreCMS
import CoreSignatures
import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

/// CAdES co-signature (`sign --cosign`): a second SignerInfo beside the first, over the same file;
/// `openssl cms -verify` checks both signers, and our verifier reports each.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct CAdESCosignTests {
    let pki: URL
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-cosign-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func key(_ name: String) throws -> SoftwareSigningKey {
        try SoftwareSigningKey(pkcs12: pkiPath("\(name).p12"), passphrase: "test1234")
    }

    private func content(_ name: String) throws -> URL {
        let url = work.appendingPathComponent(name)
        try Data((0..<50_000).map { _ in UInt8.random(in: 0...255) }).write(to: url)
        return url
    }

    @Test func aCosignatureAddsAParallelSignerThatOpenSSLAndVerifyCheck() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try content("acte d'engagement.pdf")
        let first = try await CAdESSigner(key: key("signer-qualified")).signDetached(fileAt: file)
        // An EC key with SHA-384: the SignedData then names both digest algorithms.
        let both = try await CAdESSigner(key: key("signer-plain"), digestAlgorithm: .sha384)
            .cosign(existing: first, contentAt: file)
        let signature = work.appendingPathComponent("both.p7s")
        try Data(both).write(to: signature)

        let parsed = try CMSSignedData(contentInfo: both)
        #expect(parsed.signerInfos.count == 2)
        #expect(parsed.digestAlgorithms.count == 2)
        let openssl = try await runReturningStatus(
            "/usr/bin/openssl",
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.path, "-content", file.path,
                "-CAfile", pkiPath("root-ca.pem"), "-purpose", "any", "-out", "/dev/null",
            ])
        #expect(openssl.status == 0, "openssl cms -verify checks every signer")

        let root = try Certificate(pemEncoded: String(contentsOfFile: pkiPath("root-ca.pem"), encoding: .utf8))
        let reports = await CAdESVerifier.verify(
            signature: signature, content: file,
            policy: VerificationPolicy(trustAnchors: [root], fetchesCRLs: false, ocsp: nil))
        #expect(reports.count == 2)
        #expect(Set(reports.compactMap(\.signer)).count == 2, "each signer reported")
        #expect(reports.allSatisfy { $0.verdict == .valid }, "\(reports.map(\.reasons))")
        #expect(reports.contains { $0.signer?.contains("Marie Dupont") == true })
        #expect(reports.contains { $0.signer?.contains("Jean Martin") == true })

        // One changed byte: openssl refuses, and both signers are INVALID.
        var bytes = try Data(contentsOf: file)
        bytes[100] ^= 0x01
        try bytes.write(to: file)
        let altered = await CAdESVerifier.verify(
            signature: signature, content: file, policy: VerificationPolicy(trustAnchors: [root], ocsp: nil))
        #expect(altered.count == 2 && altered.allSatisfy { $0.verdict == .invalid })
    }

    @Test func anotherFileIsNotCosigned() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let first = try await CAdESSigner(key: key("signer-qualified")).signDetached(fileAt: try content("a.pdf"))
        await #expect(throws: CMSError.self) {
            _ = try await CAdESSigner(key: self.key("signer-plain")).cosign(
                existing: first, contentAt: try self.content("b.pdf"))
        }
    }
}
