import CorePDF
import Foundation
import Testing

/// Inputs found while fuzzing (by reviewing the reader; each crashed Fuzz/Targets/FuzzPDF before the fix): numbers at
/// the edge of Int made the reader trap on an arithmetic overflow, which ends the whole process (the assistant
/// verifying a file someone sent). Each is now refused as malformed, or reported as an unusable byte range.
struct PDFHostileNumbersTests {
    private func open(_ text: String) throws -> PDFDocument {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID()).pdf")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try PDFDocument(url: url)
    }

    @Test func aByteRangeNearIntMaxIsUnusableNotACrash() throws {
        let document = try open(
            """
            %PDF-1.7
            1 0 obj << /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] >> >> endobj
            2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
            3 0 obj << /FT /Sig /T (S) /V 4 0 R >> endobj
            4 0 obj << /Type /Sig /ByteRange [0 1 9223372036854775807 9223372036854775807] /Contents <00> >> endobj
            trailer << /Root 1 0 R >>
            %%EOF

            """)
        let signature = try #require(try document.signatures().first)
        #expect(!signature.startsAtZero)
        #expect(!signature.coversWholeFile)
        #expect(throws: PDFError.self) { try document.signedBytes(of: signature) { _ in } }
    }

    @Test func anObjectStreamWhoseFirstIsIntMaxIsMalformed() throws {
        let document = try open(
            """
            %PDF-1.7
            1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
            3 0 obj << /Type /ObjStm /N 1 /First 9223372036854775807 /Length 4 >> stream
            2 5\u{20}
            endstream endobj
            trailer << /Root 1 0 R >>
            %%EOF

            """)
        #expect(throws: PDFError.self) { try document.object(PDFReference(number: 2)) }
        #expect(throws: PDFError.self) { try document.pageCount() }
    }

    @Test func aCrossReferenceStreamIndexNearIntMaxIsRefused() throws {
        // The only cross-reference is unusable, and a scan finds no catalog: malformed, not a trap.
        #expect(throws: PDFError.self) {
            try open(
                "%PDF-1.7\n1 0 obj << /Type /XRef /Size 1 /W [1 1 1] /Index [9223372036854775807 1] /Length 3 >> "
                    + "stream\n\u{1}\u{0}\u{0}\nendstream endobj\nstartxref\n9\n%%EOF\n")
        }
    }
}
