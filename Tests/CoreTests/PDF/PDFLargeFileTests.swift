import CorePDF
import Crypto
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A PDF over 100 MB is read, prepared and signed in bounded memory.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.pkiDirectory), "needs the test PKI"))
struct PDFLargeFileTests {
    /// A one-page PDF whose content stream holds `size` bytes, written in 1 MiB chunks.
    private func writeLargePDF(_ url: URL, size: Int) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var offsets: [Int] = []
        var written = 0
        func write(_ text: String) throws {
            try handle.write(contentsOf: Data(text.utf8))
            written += text.utf8.count
        }
        try write("%PDF-1.7\n")
        offsets.append(written)
        try write("1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")
        offsets.append(written)
        try write("2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n")
        offsets.append(written)
        try write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n")
        offsets.append(written)
        let line = "10 10 m 600 780 l S\n"
        let chunk = String(repeating: line, count: (1 << 20) / line.utf8.count)
        let chunks = size / chunk.utf8.count
        try write("4 0 obj\n<< /Length \(chunks * chunk.utf8.count) >>\nstream\n")
        for _ in 0..<chunks { try write(chunk) }
        try write("\nendstream\nendobj\n")
        let xref = written
        var table = "xref\n0 5\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        try write(table + "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
    }

    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test func aLargePDFIsSignedInBoundedMemory() throws {
        let fixtures = try PDFFixtures()
        defer { fixtures.removeWork() }
        let source = fixtures.url("large.pdf")
        try writeLargePDF(source, size: 110 << 20)
        let before = peakResidentBytes()

        let preparation = try PDFSignaturePreparation(input: source, output: fixtures.url("large-signed.pdf"))
        var hash = SHA256()
        var total = 0
        try preparation.signedBytes {
            hash.update(bufferPointer: $0)
            total += $0.count
        }
        #expect(total == preparation.byteRange[1] + preparation.byteRange[3])
        let signature = try fixtures.opensslSign(preparation)
        try preparation.embed(signature: signature)
        try preparation.commit()
        #expect(peakResidentBytes() - before < 48 << 20)

        let signed = try PDFDocument(url: fixtures.url("large-signed.pdf")).signatures()
        #expect(signed.count == 1 && signed[0].coversWholeFile && signed[0].gapIsContents)
        var again = SHA256()
        try PDFDocument(url: fixtures.url("large-signed.pdf")).signedBytes(of: signed[0]) {
            again.update(bufferPointer: $0)
        }
        #expect(again.finalize() == hash.finalize())
        let report = try fixtures.pdfsig(fixtures.url("large-signed.pdf"))
        #expect(report.contains("Signature is Valid.") && report.contains("Total document signed"), "\(report)")
    }
}
