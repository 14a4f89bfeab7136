import CoreCMS
import CoreTokens
import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509

/// CAdES signatures checked by a tool we did not write (`openssl cms -verify`), and signatures made by
/// `openssl cms -sign` read by our verifier; tampering is caught and named.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct CAdESInteropTests {
    let pki: URL
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-cades-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func file(_ name: String) -> URL { work.appendingPathComponent(name) }
    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func content(size: Int = 100_000) throws -> URL {
        let url = file("offre.pdf")
        try Data((0..<size).map { _ in UInt8.random(in: 0...255) }).write(to: url)
        return url
    }

    private func opensslVerifies(_ signature: URL, content: URL?) throws -> Bool {
        var arguments = [
            "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.path, "-CAfile", pkiPath("root-ca.pem"),
            "-purpose", "any", "-out", "/dev/null",
        ]
        if let content { arguments += ["-content", content.path] }
        return (try runReturningStatus("/usr/bin/openssl", arguments)).status == 0
    }

    static let keys: [(String, SignatureScheme?, DigestAlgorithm)] = [
        ("signer-qualified", nil, .sha256), ("signer-qualified", .rsaPSS, .sha256),
        ("signer-plain", nil, .sha384), ("signer-qualified", nil, .sha512),
    ]

    @Test(arguments: 0..<keys.count)
    func whatWeSignOpenSSLVerifies(index: Int) async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let (name, scheme, digest) = Self.keys[index]
        let key = try SoftwareSigningKey(pkcs12: pkiPath("\(name).p12"), passphrase: "test1234")
        let data = try content()
        let signer = try CAdESSigner(key: key, digestAlgorithm: digest, scheme: scheme)
        let signature = file("offre.pdf.p7s")
        try Data(try await signer.signDetached(fileAt: data)).write(to: signature)
        #expect(try opensslVerifies(signature, content: data), "openssl cms -verify accepts \(name) \(digest)")

        let parsed = try CMSSignedData(contentInfo: Array(try Data(contentsOf: signature)))
        let reports = CMSSignatureVerifier.verify(parsed) { try $0.digest(ofFileAt: data) }
        #expect(reports.count == 1)
        #expect(reports.first?.problems == [])
        #expect(reports.first?.signer == key.certificate)
        #expect(reports.first?.claimedSigningTime != nil)
    }

    @Test func anEnvelopingSignatureCarriesItsContent() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let key = try SoftwareSigningKey(pkcs12: pkiPath("signer-plain.p12"), passphrase: "test1234")
        let bytes = Array("acte d'engagement".utf8)
        let signature = file("acte.p7s")
        try Data(try await CAdESSigner(key: key).signEnveloping(content: bytes)).write(to: signature)
        #expect(try opensslVerifies(signature, content: nil))
        let parsed = try CMSSignedData(contentInfo: Array(try Data(contentsOf: signature)))
        #expect(parsed.content == bytes)
        #expect(CMSSignatureVerifier.verify(parsed, contentDigest: nil).first?.problems == [])
    }

    @Test(arguments: [["-md", "sha256"], ["-md", "sha384", "-nosmimecap"], ["-md", "sha256", "-stream"]])
    func whatOpenSSLSignsWeVerify(options: [String]) throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let data = try content()
        for name in ["signer-qualified", "signer-plain"] {
            let signature = file("\(name).p7s")
            try run(
                "/usr/bin/openssl",
                [
                    "cms", "-sign", "-binary", "-in", data.path, "-signer", pkiPath("\(name).pem"), "-inkey",
                    pkiPath("\(name).key"), "-certfile", pkiPath("intermediate-ca.pem"), "-outform", "DER", "-out",
                    signature.path,
                ] + options)
            let parsed = try CMSSignedData(contentInfo: Array(try Data(contentsOf: signature)))
            let report = try #require(CMSSignatureVerifier.verify(parsed) { try $0.digest(ofFileAt: data) }.first)
            #expect(report.problems == [], "\(name) \(options)")
            #expect(report.signer?.subject.description.contains(name) == true || report.signer != nil)
        }
    }

    @Test func tamperingIsCaughtAndNamed() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let key = try SoftwareSigningKey(pkcs12: pkiPath("signer-qualified.p12"), passphrase: "test1234")
        let data = try content()
        let signature = try await CAdESSigner(key: key).signDetached(fileAt: data)
        let parsed = try CMSSignedData(contentInfo: signature)

        // One byte of the content.
        var altered = Array(try Data(contentsOf: data))
        altered[500] ^= 0x01
        let changed = CMSSignatureVerifier.verify(parsed) { $0.digest(altered) }.first?.problems
        #expect(changed == [.contentDigestMismatch])

        // One byte of the signature value.
        var broken = parsed
        broken.signerInfos[0].signature[10] ^= 0x01
        #expect(
            CMSSignatureVerifier.verify(broken) { try $0.digest(ofFileAt: data) }.first?.problems == [.signatureInvalid]
        )

        // Another certificate with the same issuer and serial is not possible; swapping the carried
        // certificate for another signer's leaves no certificate naming the signer.
        var swapped = parsed
        let other = try SoftwareSigningKey(pkcs12: pkiPath("signer-plain.p12"), passphrase: "test1234")
        var der = DER.Serializer()
        try der.serialize(other.certificate)
        swapped.certificates = [der.serializedBytes]
        #expect(
            CMSSignatureVerifier.verify(swapped) { try $0.digest(ofFileAt: data) }.first?.problems == [
                .signerCertificateMissing
            ])
        // No content for a detached signature: said so.
        #expect(CMSSignatureVerifier.verify(parsed, contentDigest: nil).first?.problems == [.detachedContentMissing])
    }
}
