import CoreCMS
import CoreModel
import CoreTokens
import CoreXML
import Foundation
import SwiftASN1
import TestSupport
import Testing
import X509

/// Detached XAdES signatures checked by `xmlsec1 --verify`, signatures made by `xmlsec1 --sign` read by
/// our verifier, and every alteration caught and named.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct XAdESInteropTests {
    let pki: URL
    let work: URL

    init() throws {
        pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-xades-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    private func pkiPath(_ name: String) -> String { pki.appendingPathComponent(name).path }

    private func content(_ name: String = "mémoire technique.pdf") throws -> URL {
        let url = work.appendingPathComponent(name)
        try Data((0..<50_000).map { _ in UInt8.random(in: 0...255) }).write(to: url)
        return url
    }

    private func key(_ name: String) throws -> SoftwareSigningKey {
        try SoftwareSigningKey(pkcs12: pkiPath("\(name).p12"), passphrase: "test1234")
    }

    /// `xmlsec1 --verify` run in the signed file's folder (so the relative URI resolves).
    private func xmlsecVerifies(_ signature: URL) throws -> Bool {
        let result = try runReturningStatus(
            "/bin/sh",
            [
                "-c",
                "cd \"$1\" && xmlsec1 --verify --id-attr:Id 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties' "
                    + "--trusted-pem \"$2\" --untrusted-pem \"$3\" \"$4\" 2>&1",
                "sh", work.path, pkiPath("root-ca.pem"), pkiPath("intermediate-ca.pem"), signature.path,
            ])
        return result.status == 0
    }

    @Test(arguments: [("signer-qualified", SignatureScheme?.none), ("signer-plain", nil)])
    func whatWeSignXmlsecVerifies(name: String, scheme: SignatureScheme?) async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try content()
        let signer = try XAdESSigner(key: try key(name), scheme: scheme)
        let signature = work.appendingPathComponent("signature.xml")
        try Data(try await signer.sign(fileAt: file)).write(to: signature)
        #expect(try xmlsecVerifies(signature), "xmlsec1 accepts the \(name) signature")
        let found = XAdESVerifier.verify(Array(try Data(contentsOf: signature)), location: signature, content: nil)
        #expect(found.problems == [])
        #expect(found.isXAdES)
        #expect(found.signer == (try key(name)).certificate)
        #expect(found.signedFiles == ["mémoire technique.pdf"])
        #expect(found.claimedSigningTime != nil)
    }

    @Test func whatXmlsecSignsWeVerify() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try content("offre.pdf")
        let template = work.appendingPathComponent("template.xml")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>\
        <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
        <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
        <Reference URI="offre.pdf"><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\
        <DigestValue/></Reference></SignedInfo><SignatureValue/>\
        <KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo></Signature>
        """.write(to: template, atomically: true, encoding: .utf8)
        let signature = work.appendingPathComponent("xmlsec.xml")
        // Run in the file's folder: xmlsec1 resolves the relative URI from there.
        try run(
            "/bin/sh",
            [
                "-c", "cd \"$1\" && xmlsec1 --sign --pkcs12 \"$2\" --pwd test1234 --output \"$3\" \"$4\"", "sh",
                work.path, pkiPath("signer-qualified.p12"), signature.path, template.path,
            ])
        let found = XAdESVerifier.verify(Array(try Data(contentsOf: signature)), location: nil, content: file)
        #expect(found.problems == [])
        #expect(found.signer == (try key("signer-qualified")).certificate)
        var altered = try Data(contentsOf: file)
        altered[7] ^= 0x20
        try altered.write(to: file)
        let broken = XAdESVerifier.verify(Array(try Data(contentsOf: signature)), location: nil, content: file)
        #expect(broken.problems == [.referenceDigestMismatch("the signed file \"offre.pdf\"")])
    }

    /// Issue 15, finding 5: a signature whose only reference points inside itself covers no file, so it is
    /// INVALID for any file given as its content, and says which files it covers (none).
    @Test func aSignatureOverItselfOnlyDoesNotCoverTheGivenContent() throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let unrelated = try content("offre.pdf")
        let template = work.appendingPathComponent("enveloping.xml")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo>\
        <CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
        <SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>\
        <Reference URI="#objet"><Transforms><Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>\
        </Transforms><DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>\
        <DigestValue/></Reference></SignedInfo><SignatureValue/>\
        <KeyInfo><X509Data><X509Certificate/></X509Data></KeyInfo>\
        <Object Id="objet">Rien de l'offre</Object></Signature>
        """.write(to: template, atomically: true, encoding: .utf8)
        let signature = work.appendingPathComponent("enveloping-signed.xml")
        try run(
            "/bin/sh",
            [
                "-c", "xmlsec1 --sign --pkcs12 \"$1\" --pwd test1234 --output \"$2\" \"$3\"", "sh",
                pkiPath("signer-qualified.p12"), signature.path, template.path,
            ])
        let bytes = Array(try Data(contentsOf: signature))
        let alone = XAdESVerifier.verify(bytes, location: nil, content: nil)
        #expect(alone.problems == [])
        #expect(alone.signedFiles == [])
        let withContent = XAdESVerifier.verify(bytes, location: nil, content: unrelated)
        #expect(withContent.problems == [.contentNotCovered("offre.pdf")])
        #expect(!XAdESProblem.contentNotCovered("offre.pdf").isIndeterminate)
    }

    /// A fresh RSA signature, its text, and the signed file.
    private func signed() async throws -> (String, URL) {
        let file = try content()
        let bytes = try await XAdESSigner(key: try key("signer-qualified")).sign(fileAt: file)
        return (String(decoding: bytes, as: UTF8.self), file)
    }

    private func problems(_ text: String, content: URL) -> [XAdESProblem] {
        XAdESVerifier.verify(Array(text.utf8), location: nil, content: content).problems
    }

    @Test func everyAlterationIsCaughtAndNamed() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let (text, file) = try await signed()
        #expect(problems(text, content: file) == [])

        // A modified SigningTime changes the signed properties.
        let time = try #require(text.range(of: "<xades:SigningTime>20"))
        let retimed = text.replacingCharacters(in: time, with: "<xades:SigningTime>19")
        #expect(problems(retimed, content: file).contains(.referenceDigestMismatch("the signed properties")))

        // One character of the SignatureValue.
        let valueTag = try #require(text.range(of: "<ds:SignatureValue"))
        let valueStart = try #require(text.range(of: "\">", range: valueTag.upperBound..<text.endIndex))
        var characters = Array(text)
        let index = text.distance(from: text.startIndex, to: valueStart.upperBound) + 5
        characters[index] = characters[index] == "A" ? "B" : "A"
        #expect(problems(String(characters), content: file).contains(.signatureInvalid))

        // A second element with the SignedProperties' Id (wrapping): refused.
        let id = try #require(text.range(of: #"<xades:SignedProperties Id=""#)).upperBound
        let idValue = String(text[id...].prefix { $0 != "\"" })
        let wrapped = text.replacingOccurrences(
            of: "</ds:Signature>", with: "<ds:Object><x Id=\"\(idValue)\"/></ds:Object></ds:Signature>")
        #expect(problems(wrapped, content: file).contains(.duplicateId(idValue)))

        // The certificate swapped for another one in KeyInfo: the signing certificate is no longer there.
        let other = try key("signer-plain").certificate
        let otherBase64 = Data(try XAdESSignerTestSupport.der(other)).base64EncodedString()
        let certificateStart = try #require(text.range(of: "<ds:X509Certificate>")).upperBound
        let certificateEnd = try #require(text.range(of: "</ds:X509Certificate>")).lowerBound
        let swapped = text.replacingCharacters(in: certificateStart..<certificateEnd, with: otherBase64)
        #expect(problems(swapped, content: file).contains(.signerCertificateMissing))

        // No content given and none beside: said so.
        #expect(
            XAdESVerifier.verify(Array(text.utf8), location: nil, content: nil).problems == [
                .contentMissing("mémoire technique.pdf")
            ])

        // A DOCTYPE is refused before anything else.
        let doctype = text.replacingOccurrences(
            of: #"<?xml version="1.0" encoding="UTF-8"?>"#,
            with: #"<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>"#)
        guard case .unreadable = problems(doctype, content: file).first else {
            Issue.record("a DOCTYPE was not refused")
            return
        }
    }

    @Test(.enabled(if: TestEnvironment.timestampURL != nil, "needs the TSA fixture"))
    func aTimestampedSignatureCarriesATokenOpenSSLAccepts() async throws {
        defer { try? FileManager.default.removeItem(at: work) }
        let file = try content()
        let tsa = try #require(TestEnvironment.timestampURL.flatMap(URL.init(string:)))
        let signer = try XAdESSigner(key: try key("signer-plain"), timestampClient: TimestampClient(url: tsa))
        let bytes = try await signer.sign(fileAt: file)
        let found = XAdESVerifier.verify(bytes, location: nil, content: file)
        #expect(found.problems == [])
        let timestamp = try #require(found.timestamp)
        #expect(timestamp.time != nil)
        #expect(timestamp.problems == [])

        // openssl checks the token over the digest of the canonical SignatureValue.
        let text = String(decoding: bytes, as: UTF8.self)
        let start = try #require(text.range(of: "<xades:EncapsulatedTimeStamp>")).upperBound
        let end = try #require(text.range(of: "</xades:EncapsulatedTimeStamp>")).lowerBound
        let token = work.appendingPathComponent("token.der")
        try #require(Data(base64Encoded: String(text[start..<end]))).write(to: token)
        let document = try ParsedXMLDocument.parse(bytes)
        let valueId = try #require(text.range(of: #"<ds:SignatureValue Id=""#)).upperBound
        let canonical = try document.canonicalFormOfElement(
            withId: String(text[valueId...].prefix { $0 != "\"" }), method: .exclusive)
        let digest = DigestAlgorithm.sha256.digest(canonical).hex
        try await run(
            "/usr/bin/openssl",
            [
                "ts", "-verify", "-digest", digest, "-in", token.path, "-token_in", "-CAfile", pkiPath("root-ca.pem"),
                "-untrusted", pkiPath("intermediate-ca.pem"),
            ])
    }
}

/// DER of a certificate, for the tests.
enum XAdESSignerTestSupport {
    static func der(_ certificate: X509.Certificate) throws -> [UInt8] {
        var coder = SwiftASN1.DER.Serializer()
        try coder.serialize(certificate)
        return coder.serializedBytes
    }
}
