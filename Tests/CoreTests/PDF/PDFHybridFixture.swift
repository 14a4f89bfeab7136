import Foundation

extension PDFFixtures {
    /// A hybrid-reference file (ISO 32000-1 §7.5.8.4): a classic table whose trailer's /XRefStm
    /// points to a cross-reference stream listing the pages and page held in an object stream; the
    /// content stream's /Length is an indirect object and the catalog has a name with a `#20` escape.
    func writeHybridPDF(_ name: String) throws -> URL {
        var bytes = Array("%PDF-1.5\n%\u{e2}\u{e3}\u{cf}\u{d3}\n".utf8)
        var offsets: [Int: Int] = [:]
        func object(_ number: Int, _ body: [UInt8]) {
            offsets[number] = bytes.count
            bytes += Array("\(number) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        object(1, Array("<< /Type /Catalog /Pages 2 0 R /Sceau#20Test (hybrid) >>".utf8))
        let content = "BT /F1 18 Tf 72 700 Td (Hybrid) Tj ET"
        object(4, Array("<< /Length 6 0 R >>\nstream\n\(content)\nendstream".utf8))
        object(5, Array("<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /Border [0 0 0] >>".utf8))
        object(6, Array("\(content.utf8.count)".utf8))
        let pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
        let page =
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            + "/Resources << /Font << /F1 8 0 R >> >> /Annots [5 0 R] >>"
        var header = "2 0 3 \(pages.utf8.count + 1) "
        header += String(repeating: " ", count: 20 - header.count)
        let objectStream = header + pages + " " + page
        object(
            7,
            Array(
                "<< /Type /ObjStm /N 2 /First 20 /Length \(objectStream.utf8.count) >>\nstream\n\(objectStream)\nendstream"
                    .utf8))
        object(8, Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".utf8))
        let rows: [UInt8] = [2, 0, 7, 0, 2, 0, 7, 1]
        object(
            9,
            Array("<< /Type /XRef /Size 10 /W [1 2 1] /Index [2 2] /Length \(rows.count) >>\nstream\n".utf8) + rows
                + Array("\nendstream".utf8))
        let xref = bytes.count
        var table = "xref\n0 10\n0000000000 65535 f \n"
        for number in 1..<10 {
            table += offsets[number].map { String(format: "%010d 00000 n \n", $0) } ?? "0000000000 00000 f \n"
        }
        table += "trailer\n<< /Size 10 /Root 1 0 R /XRefStm \(offsets[9]!) >>\nstartxref\n\(xref)\n%%EOF\n"
        bytes += Array(table.utf8)
        let url = url(name)
        try Data(bytes).write(to: url)
        return url
    }
}
