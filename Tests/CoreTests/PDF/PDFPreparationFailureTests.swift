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
}
