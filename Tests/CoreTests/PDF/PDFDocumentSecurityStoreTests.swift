import CorePDF
import Foundation
import TestSupport
import Testing

/// Validation data added in a DSS after a signature keeps the signature valid and can be read back.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PDFDocumentSecurityStoreTests {
    @Test func aStoreAddedAfterASignatureIsReadBackAndMerged() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let source = try fixtures.qpdf(
            try fixtures.writeSimplePDF("source.pdf"), "streams.pdf", ["--object-streams=generate"])
        let (signed, _) = try fixtures.sign(source, to: "signed.pdf")
        let signer = Array(try Data(contentsOf: pki.appendingPathComponent("signer-qualified.der")))
        let crl = Array(try Data(contentsOf: pki.appendingPathComponent("intermediate.crl.der")))
        let withStore = fixtures.url("with-store.pdf")
        try PDFDocumentSecurityStore.append(
            input: signed, output: withStore, certificates: [signer, signer], crls: [crl])
        let tsa = Array(try Data(contentsOf: pki.appendingPathComponent("tsa.der")))
        let merged = fixtures.url("merged.pdf")
        try PDFDocumentSecurityStore.append(input: withStore, output: merged, certificates: [tsa])

        let document = try PDFDocument(url: merged)
        #expect(document.lastSectionIsStream)
        let store = try #require(try document.resolve(try document.catalog()["DSS"]).dictionaryValue)
        let certificates = try (store["Certs"]?.arrayValue ?? []).map { item -> [UInt8] in
            guard case .stream(let stream) = try document.resolve(item) else { return [] }
            return try document.decodedData(stream)
        }
        #expect(certificates == [signer, tsa])
        let crls = try (store["CRLs"]?.arrayValue ?? []).map { item -> [UInt8] in
            guard case .stream(let stream) = try document.resolve(item) else { return [] }
            return try document.decodedData(stream)
        }
        #expect(crls == [crl])
        let signatures = try document.signatures()
        #expect(signatures.count == 1 && signatures[0].coversRevision && signatures[0].hasLaterUpdates)

        let report = try fixtures.pdfsig(merged)
        #expect(report.contains("Signature is Valid."), "\(report)")
        let pyhanko = try fixtures.pyhankoValidate(merged)
        #expect(pyhanko.contains("judged VALID") && pyhanko.contains("signature maintenance"), "\(pyhanko)")
    }
}
