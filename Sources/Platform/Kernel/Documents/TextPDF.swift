import Foundation

/// A minimal PDF writer for text documents (the back office's letters, the procès-verbal d'ouverture): text
/// only, standard Helvetica (no embedded font), WinAnsi encoding so French accents print, lines wrapped to the
/// A4 width, as many pages as needed, and a cross-reference table with exact byte offsets.
package enum TextPDF {
    package static let fontSize = 11
    package static let leading = 15
    /// A4 in points, with 2 cm margins.
    package static let pageWidth = 595
    package static let pageHeight = 842
    package static let margin = 57
    /// Helvetica at 11 pt averages ~5.5 pt a character: 86 characters fit the 481 pt line.
    package static let lineLength = 86

    package static var linesPerPage: Int { (pageHeight - 2 * margin) / leading }

    /// The PDF document of `text` (paragraphs separated by line breaks).
    package static func document(_ text: String, title: String = "Document") -> [UInt8] {
        let lines = wrap(text)
        var pages: [[String]] = stride(from: 0, to: max(lines.count, 1), by: linesPerPage).map {
            Array(lines[min($0, lines.count)..<min($0 + linesPerPage, lines.count)])
        }
        if pages.isEmpty { pages = [[]] }
        // Objects: 1 catalog, 2 pages, 3 font, 4 info, then per page its page object and its content stream.
        var objects: [[UInt8]] = []
        let pageIDs = pages.indices.map { 5 + 2 * $0 }
        objects.append(ascii("<< /Type /Catalog /Pages 2 0 R >>"))
        objects.append(
            ascii(
                "<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>"
            ))
        objects.append(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"))
        objects.append(ascii("<< /Title (") + literal(title) + ascii(") /Producer (Sceau) >>"))
        for (index, page) in pages.enumerated() {
            objects.append(
                ascii(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(pageWidth) \(pageHeight)] "
                        + "/Resources << /Font << /F1 3 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>"))
            var content = ascii(
                "BT /F1 \(fontSize) Tf \(leading) TL \(margin) \(pageHeight - margin - fontSize) Td\n")
            for line in page {
                content += ascii("(") + literal(line) + ascii(") Tj T*\n")
            }
            content += ascii("ET\n")
            objects.append(ascii("<< /Length \(content.count) >>\nstream\n") + content + ascii("\nendstream"))
        }
        var output = ascii("%PDF-1.4\n%") + [0xE2, 0xE3, 0xCF, 0xD3] + ascii("\n")
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.count)
            output += ascii("\(index + 1) 0 obj\n") + object + ascii("\nendobj\n")
        }
        let xref = output.count
        output += ascii("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n")
        for offset in offsets {
            let digits = String(offset)
            output += ascii(String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n")
        }
        output += ascii(
            "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 4 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        return output
    }

    /// The lines of `text`, each paragraph wrapped at word boundaries (a longer word is cut).
    package static func wrap(_ text: String) -> [String] {
        var lines: [String] = []
        for paragraph in text.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                var word = String(word)
                while word.count > lineLength {
                    if !line.isEmpty { lines.append(line) }
                    lines.append(String(word.prefix(lineLength)))
                    word = String(word.dropFirst(lineLength))
                    line = ""
                }
                if line.isEmpty {
                    line = word
                } else if line.count + 1 + word.count <= lineLength {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// A PDF string literal's bytes in WinAnsi, with `\`, `(` and `)` escaped; what WinAnsi lacks becomes `?`.
    package static func literal(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            let byte = winAnsi(scalar)
            if byte == 0x5C || byte == 0x28 || byte == 0x29 { bytes.append(0x5C) }
            bytes.append(byte)
        }
        return bytes
    }

    package static func winAnsi(_ scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xFF: UInt8(scalar.value)
        case 0x09: 0x20
        case 0x202F: 0xA0
        case 0x20AC: 0x80
        case 0x2026: 0x85
        case 0x0152: 0x8C
        case 0x2018: 0x91
        case 0x2019: 0x92
        case 0x201C: 0x93
        case 0x201D: 0x94
        case 0x2013: 0x96
        case 0x2014: 0x97
        case 0x0153: 0x9C
        case 0x0178: 0x9F
        default: 0x3F
        }
    }

    private static func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
}
