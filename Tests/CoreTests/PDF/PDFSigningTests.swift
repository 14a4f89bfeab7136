import CorePDF
import Foundation
import TestSupport
import Testing

/// Prepared, signed with `openssl cms`, embedded and committed PDFs validate in pdfsig and pyHanko,
/// for classic tables, xref and object streams, linearized files and documents with a form.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PDFSigningTests {
    enum Variant: String, CaseIterable, Sendable {
        case classic, objectStreams, linearized, linearizedObjectStreams, form, formObjectStreams, directForm

        var hasForm: Bool { self == .form || self == .formObjectStreams || self == .directForm }
    }

    private func input(_ fixtures: PDFFixtures, _ variant: Variant) throws -> URL {
        let simple = try fixtures.writeSimplePDF(
            "\(variant)-source.pdf", withForm: variant.hasForm, directForm: variant == .directForm)
        switch variant {
        case .classic, .form, .directForm: return simple
        case .objectStreams, .formObjectStreams:
            return try fixtures.qpdf(simple, "\(variant).pdf", ["--object-streams=generate"])
        case .linearized: return try fixtures.qpdf(simple, "\(variant).pdf", ["--linearize"])
        case .linearizedObjectStreams:
            return try fixtures.qpdf(simple, "\(variant).pdf", ["--linearize", "--object-streams=generate"])
        }
    }

    @Test(arguments: Variant.allCases)
    func signedVariantValidates(_ variant: Variant) throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try input(fixtures, variant)
        let original = try PDFDocument(url: source)
        #expect(try original.pageCount() == 2)
        #expect(
            original.lastSectionIsStream
                == [.objectStreams, .formObjectStreams, .linearizedObjectStreams].contains(variant))
        let time = Date(timeIntervalSince1970: 1_790_000_000)
        let (signed, preparation) = try fixtures.sign(
            source, to: "\(variant)-signed.pdf",
            options: PDFSignatureOptions(
                signingTime: time, signerName: "Jeanne Dupont", reason: "Candidature", location: "Paris"))
        #expect(preparation.fieldName == "Signature1")

        // The original bytes are kept unchanged at the start.
        let originalBytes = try Data(contentsOf: source)
        let signedBytes = try Data(contentsOf: signed)
        #expect(signedBytes.prefix(originalBytes.count) == originalBytes)

        // qpdf exits non-zero on any structural error or warning.
        let check = try run("/usr/bin/qpdf", ["--check", signed.path])
        #expect(check.contains("No syntax or stream encoding errors found"), "\(check)")
        let report = try fixtures.pdfsig(signed)
        #expect(report.contains("Signature is Valid."), "\(report)")
        #expect(report.contains("Total document signed"), "\(report)")
        #expect(report.contains("ETSI.CAdES.detached"), "\(report)")
        let pyhanko = try fixtures.pyhankoValidate(signed)
        #expect(pyhanko.contains("judged VALID"), "\(pyhanko)")

        let document = try PDFDocument(url: signed)
        #expect(document.lastSectionIsStream == original.lastSectionIsStream)
        let signatures = try document.signatures()
        try #require(signatures.count == 1)
        let signature = signatures[0]
        #expect(signature.fieldName == "Signature1")
        #expect(signature.subFilter == "ETSI.CAdES.detached")
        #expect(signature.byteRange == preparation.byteRange)
        #expect(
            signature.startsAtZero && signature.gapIsContents && signature.coversWholeFile && signature.coversRevision)
        #expect(!signature.hasLaterUpdates)
        #expect(signature.signingTime == "D:20260921141320+00'00'")
        #expect(
            signature.reason == "Candidature" && signature.location == "Paris"
                && signature.signerName == "Jeanne Dupont")
        #expect(signature.contents.first == 0x30 && signature.contents.count < preparation.reservedSize)
        #expect(try document.pageCount() == 2)
        let info = try document.resolve(document.trailer["Info"]).dictionaryValue
        #expect(info?["Title"]?.textValue == "Test (nested) title")
        #expect(document.identifiers?.first == original.identifiers?.first)
        let fieldNames = try document.fields().map(\.name)
        #expect(fieldNames == (variant.hasForm ? ["Nom", "Signature1"] : ["Signature1"]))
        #expect(try document.acroForm()?["SigFlags"] == .integer(3))
    }

    @Test func anEmptySignatureFieldIsSignedInPlace() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf", withForm: true, emptySignatureField: true)
        #expect(try PDFDocument(url: source).fields().map(\.name) == ["Nom", "Signature du candidat"])
        let (signed, preparation) = try fixtures.sign(
            source, to: "signed.pdf", options: PDFSignatureOptions(fieldName: "Signature du candidat"))
        #expect(preparation.fieldName == "Signature du candidat")
        let report = try fixtures.pdfsig(signed)
        #expect(report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
        let pyhanko = try fixtures.pyhankoValidate(signed)
        #expect(pyhanko.contains("judged VALID"), "\(pyhanko)")
        let document = try PDFDocument(url: signed)
        #expect(try document.fields().map(\.name) == ["Nom", "Signature du candidat"])
        #expect(try document.signatures().map(\.fieldName) == ["Signature du candidat"])
        #expect(try document.firstPage().dictionary["Annots"] == .reference(PDFReference(number: 7)))
        #expect(try document.resolve(.reference(PDFReference(number: 7))).arrayValue?.count == 2)
    }

    @Test func aDocumentCertifiedForFormFillingCanBeSigned() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let certified = try fixtures.pyhankoSign(
            try fixtures.writeSimplePDF("source.pdf", withForm: true), "certified.pdf", certify: true)
        #expect(try PDFDocument(url: certified).certificationPermissions() == 2)
        let (signed, _) = try fixtures.sign(certified, to: "signed.pdf")
        let report = try fixtures.pdfsig(signed)
        #expect(report.components(separatedBy: "Signature is Valid.").count == 3, "\(report)")
        let pyhanko = try fixtures.pyhankoValidate(signed)
        #expect(pyhanko.components(separatedBy: "judged VALID").count == 3, "\(pyhanko)")
    }

    @Test func aSecondSignatureKeepsTheFirstValid() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf", withForm: true)
        let (first, _) = try fixtures.sign(source, to: "once.pdf")
        let (second, preparation) = try fixtures.sign(first, to: "twice.pdf")
        #expect(preparation.fieldName == "Signature2")

        let report = try fixtures.pdfsig(second)
        #expect(report.components(separatedBy: "Signature is Valid.").count == 3, "\(report)")
        let pyhanko = try fixtures.pyhankoValidate(second)
        #expect(pyhanko.components(separatedBy: "judged VALID").count >= 3, "\(pyhanko)")

        let signatures = try PDFDocument(url: second).signatures()
        try #require(signatures.map(\.fieldName) == ["Signature1", "Signature2"])
        let firstSize = try FileManager.default.attributesOfItem(atPath: first.path)[.size] as? Int
        #expect(signatures[0].signedLength == firstSize)
        #expect(signatures[0].coversRevision && signatures[0].hasLaterUpdates && !signatures[0].coversWholeFile)
        #expect(signatures[1].coversWholeFile && !signatures[1].hasLaterUpdates)
    }

    @Test func aPyHankoSignatureIsListedAndKeptValidWhenWeSignAfter() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        let byPyHanko = try fixtures.pyhankoSign(source, "pyhanko.pdf")

        let listed = try PDFDocument(url: byPyHanko).signatures()
        try #require(listed.count == 1)
        let theirs = listed[0]
        #expect(theirs.fieldName == "Approbation")
        #expect(theirs.startsAtZero && theirs.gapIsContents && theirs.coversWholeFile)
        // The listed /Contents verifies over the listed byte range.
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let bytes = fixtures.url("their-bytes")
        let signature = fixtures.url("their-signature.der")
        var collected = Data()
        try PDFDocument(url: byPyHanko).signedBytes(of: theirs) { collected.append(contentsOf: $0) }
        try collected.write(to: bytes)
        try Data(theirs.contents).write(to: signature)
        try run(
            "/usr/bin/openssl",
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signature.path, "-content", bytes.path,
                "-CAfile", pki.appendingPathComponent("root-ca.pem").path, "-purpose", "any", "-out", "/dev/null",
            ])

        let (signed, preparation) = try fixtures.sign(byPyHanko, to: "both.pdf")
        #expect(preparation.fieldName == "Signature1")
        let report = try fixtures.pdfsig(signed)
        #expect(report.components(separatedBy: "Signature is Valid.").count == 3, "\(report)")
        let pyhanko = try fixtures.pyhankoValidate(signed)
        #expect(pyhanko.components(separatedBy: "judged VALID").count >= 3, "\(pyhanko)")
        let signatures = try PDFDocument(url: signed).signatures()
        #expect(signatures.map(\.fieldName) == ["Approbation", "Signature1"])
        #expect(signatures.last?.coversWholeFile == true && signatures.first?.hasLaterUpdates == true)
        #expect(report.contains("Total document signed"), "\(report)")
        #expect(signatures.first?.byteRange == theirs.byteRange)
    }
}

/// A hybrid-reference file is read through its /XRefStm and signed with a classic table section.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PDFHybridSigningTests {
    @Test func aHybridFileIsReadAndSigned() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeHybridPDF("hybrid.pdf")
        let document = try PDFDocument(url: source)
        #expect(!document.wasRebuilt && !document.lastSectionIsStream)
        #expect(document.crossReference[3] == .inObjectStream(stream: 7, index: 1))
        #expect(try document.pageCount() == 1)
        let page = try document.firstPage()
        #expect(page.reference == PDFReference(number: 3))
        guard case .stream(let content) = try document.resolve(page.dictionary["Contents"]) else {
            Issue.record("the page's content is not a stream")
            return
        }
        #expect(content.dataLength == "BT /F1 18 Tf 72 700 Td (Hybrid) Tj ET".utf8.count)

        let (signed, _) = try fixtures.sign(source, to: "hybrid-signed.pdf")
        let report = try fixtures.pdfsig(signed)
        #expect(report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
        let reread = try PDFDocument(url: signed)
        #expect(try reread.catalog()["Sceau Test"]?.textValue == "hybrid")
        #expect(try reread.firstPage().dictionary["Annots"]?.arrayValue?.count == 2)
        #expect(try reread.signatures().map(\.coversWholeFile) == [true])
    }
}
