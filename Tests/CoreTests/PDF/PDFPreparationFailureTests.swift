import CorePDF
import Foundation
import TestSupport
import Testing

/// Encrypted inputs, taken field names, oversized signatures and abandoned preparations fail with
/// a typed error and leave no output file; a damaged cross-reference is rebuilt by scanning.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PDFPreparationFailureTests {
    @Test func anEncryptedPDFIsRefusedWithoutOutput() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        let encrypted = try fixtures.qpdf(source, "encrypted.pdf", ["--encrypt", "user", "owner", "256", "--"])
        let error = #expect(throws: PDFError.self) {
            _ = try PDFSignaturePreparation(input: encrypted, output: fixtures.url("signed.pdf"))
        }
        #expect(error == .encrypted)
        #expect(PDFError.encrypted.description.contains("encrypted; remove the protection before signing"))
        #expect(try fixtures.files(containing: "signed.pdf").isEmpty)
    }

    @Test func aTakenFieldNameIsRefused() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf", withForm: true)
        let error = #expect(throws: PDFError.self) {
            _ = try PDFSignaturePreparation(
                input: source, output: fixtures.url("signed.pdf"), options: PDFSignatureOptions(fieldName: "Nom"))
        }
        #expect(error == .fieldNameTaken("Nom"))
        #expect(try fixtures.files(containing: "signed.pdf").isEmpty)
    }

    @Test func aSignatureLargerThanTheReservedSpaceSaysWhatItNeeds() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        let preparation = try PDFSignaturePreparation(
            input: source, output: fixtures.url("signed.pdf"), options: PDFSignatureOptions(reservedSize: 512))
        let signature = try fixtures.opensslSign(preparation)
        let error = #expect(throws: PDFError.self) { try preparation.embed(signature: signature) }
        #expect(error == .signatureTooLarge(needed: signature.count, available: 512))
        #expect(error?.description.contains("\(signature.count) bytes") == true)
        #expect(throws: PDFError.self) { try preparation.commit() }
        preparation.abandon()
        #expect(try fixtures.files(containing: "signed.pdf").isEmpty)
    }

    @Test func anUncommittedPreparationLeavesNoFile() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        do {
            let preparation = try PDFSignaturePreparation(input: source, output: fixtures.url("signed.pdf"))
            #expect(try fixtures.files(containing: "signed.pdf").count == 1)
            try preparation.embed(signature: [0x30, 0x00])
        }
        #expect(try fixtures.files(containing: "signed.pdf").isEmpty)
    }

    @Test func aDamagedCrossReferenceIsRebuiltAndTheSignedFileValidates() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf", withForm: true)
        var text = try String(contentsOf: source, encoding: .isoLatin1)
        let marker = try #require(text.range(of: "startxref\n"))
        let number = text[marker.upperBound...].prefix { $0.isNumber }
        text.replaceSubrange(marker.upperBound..<text.index(marker.upperBound, offsetBy: number.count), with: "12")
        let damaged = fixtures.url("damaged.pdf")
        try text.data(using: .isoLatin1)!.write(to: damaged)

        let document = try PDFDocument(url: damaged)
        #expect(document.wasRebuilt)
        #expect(try document.pageCount() == 2)
        #expect(try document.fields().map(\.name) == ["Nom"])
        let (signed, _) = try fixtures.sign(damaged, to: "signed.pdf")
        let report = try fixtures.pdfsig(signed)
        #expect(report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
        #expect(try PDFDocument(url: signed).signatures().first?.coversWholeFile == true)
        // The new section lists every object: qpdf reads the signed file without recovering it.
        try run("/usr/bin/qpdf", ["--check", signed.path])
    }

    @Test func aWrongObjectOffsetIsRepairedFromAScan() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf", withForm: true)
        var text = try String(contentsOf: source, encoding: .isoLatin1)
        let table = try #require(text.range(of: "0000000000 65535 f \n"))
        // The third entry after object 0 is the first page's: point it 7 bytes too far.
        let line = text.index(table.upperBound, offsetBy: 2 * 20)
        let offset = try #require(Int(text[line..<text.index(line, offsetBy: 10)]))
        text.replaceSubrange(line..<text.index(line, offsetBy: 10), with: String(format: "%010d", offset + 7))
        let damaged = fixtures.url("damaged.pdf")
        try text.data(using: .isoLatin1)!.write(to: damaged)

        let document = try PDFDocument(url: damaged)
        #expect(!document.wasRebuilt)
        #expect(document.crossReference[3] == .inFile(offset: offset + 7, generation: 0))
        #expect(try document.firstPage().reference == PDFReference(number: 3))
        let (signed, _) = try fixtures.sign(damaged, to: "signed.pdf")
        let report = try fixtures.pdfsig(signed)
        #expect(report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
    }

    @Test func aDocumentCertifiedAgainstChangesIsRefused() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        var bytes = try Data(contentsOf: source)
        let size = try PDFDocument(url: source).size
        let catalog = "\(size) 0 obj\n<< /Type /Catalog /Pages 2 0 R /Perms << /DocMDP \(size + 1) 0 R >> >>\nendobj\n"
        let certification =
            "\(size + 1) 0 obj\n<< /Type /Sig /Reference [<< /Type /SigRef /TransformMethod /DocMDP "
            + "/TransformParams << /Type /TransformParams /P 1 /V /1.2 >> >>] >>\nendobj\n"
        let catalogOffset = bytes.count
        bytes.append(contentsOf: Array((catalog + certification).utf8))
        let xref = bytes.count
        let previous = try #require(PDFDocument(url: source).lastCrossReferenceOffset)
        let table =
            "xref\n\(size) 2\n" + String(format: "%010d 00000 n \n", catalogOffset)
            + String(format: "%010d 00000 n \n", catalogOffset + catalog.utf8.count)
            + "trailer\n<< /Size \(size + 2) /Root \(size) 0 R /Prev \(previous) >>\nstartxref\n\(xref)\n%%EOF\n"
        bytes.append(contentsOf: Array(table.utf8))
        let certified = fixtures.url("certified.pdf")
        try bytes.write(to: certified)

        #expect(try PDFDocument(url: certified).certificationPermissions() == 1)
        #expect(try PDFDocument(url: source).certificationPermissions() == nil)
        let error = #expect(throws: PDFError.self) {
            _ = try PDFSignaturePreparation(input: certified, output: fixtures.url("signed.pdf"))
        }
        #expect(error == .certifiedWithoutChanges)
        #expect(try fixtures.files(containing: "signed.pdf").isEmpty)
    }

    @Test func aSecondEmbedReplacesTheFirstEntirely() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = try fixtures.writeSimplePDF("source.pdf")
        let output = fixtures.url("signed.pdf")
        let preparation = try PDFSignaturePreparation(input: source, output: output)
        let signature = try fixtures.opensslSign(preparation)
        try preparation.embed(signature: [UInt8](repeating: 0xAB, count: signature.count + 100))
        try preparation.embed(signature: signature)
        try preparation.commit()
        #expect(try PDFDocument(url: output).signatures().first?.contents == signature)
        let report = try fixtures.pdfsig(output)
        #expect(report.contains("Signature is Valid."), "\(report)")
    }
}
