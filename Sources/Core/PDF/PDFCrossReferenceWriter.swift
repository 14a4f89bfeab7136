/// Writes the cross-reference section of an incremental update: a table and trailer, or a
/// cross-reference stream (ISO 32000-1 §7.5.4, §7.5.8), then `startxref` and `%%EOF`.
struct PDFCrossReferenceWriter {
    /// Objects written in the update, by number: their generation and offset.
    var objects: [Int: (generation: Int, offset: Int)]
    /// Trailer entries to carry (/Root, /Info, /ID, /Prev), /Size being computed here.
    var trailer: PDFDictionary
    var size: Int
    /// Objects of object streams to list too (only when rewriting a whole cross-reference: stream form only).
    var compressed: [Int: (stream: Int, index: Int)] = [:]

    /// Appends a table and trailer to `file`.
    func writeTable(to file: PDFPartialFile) throws {
        let start = file.length
        var text = "xref\n"
        for group in groups() {
            text += "\(group.first!) \(group.count)\n"
            for number in group {
                let entry = objects[number]!
                text += pad(entry.offset, 10) + " " + pad(entry.generation, 5) + " n\r\n"
            }
        }
        var dictionary = trailer
        dictionary["Size"] = .integer(max(size, (objects.keys.max() ?? 0) + 1))
        var output = Array(text.utf8) + Array("trailer\n".utf8)
        try PDFSerializer.write(.dictionary(dictionary), to: &output)
        output += Array("\nstartxref\n\(start)\n%%EOF\n".utf8)
        try file.append(output)
    }

    /// Appends a cross-reference stream (object `number`, which it lists too) to `file`.
    func writeStream(number: Int, to file: PDFPartialFile) throws {
        let start = file.length
        var all = objects
        all[number] = (0, start)
        let maximumOffset = max(all.values.map(\.offset).max() ?? 0, compressed.values.map(\.stream).max() ?? 0)
        var width = 1
        while maximumOffset >> (8 * width) > 0 { width += 1 }
        let listed = PDFCrossReferenceWriter(objects: all, trailer: trailer, size: size, compressed: compressed)
        var data: [UInt8] = []
        var index: [PDFObject] = []
        for group in listed.groups() {
            index += [.integer(group.first!), .integer(group.count)]
            for objectNumber in group {
                if let slot = compressed[objectNumber], all[objectNumber] == nil {
                    data.append(2)
                    data += (0..<width).reversed().map { UInt8(truncatingIfNeeded: slot.stream >> (8 * $0)) }
                    data += [UInt8(truncatingIfNeeded: slot.index >> 8), UInt8(truncatingIfNeeded: slot.index)]
                    continue
                }
                let entry = all[objectNumber]!
                data.append(1)
                data += (0..<width).reversed().map { UInt8(truncatingIfNeeded: entry.offset >> (8 * $0)) }
                data += [UInt8(truncatingIfNeeded: entry.generation >> 8), UInt8(truncatingIfNeeded: entry.generation)]
            }
        }
        var dictionary = PDFDictionary([
            ("Type", .name("XRef")),
            ("Size", .integer(max(size, (all.keys.max() ?? 0) + 1, (compressed.keys.max() ?? 0) + 1))),
            ("W", .array([.integer(1), .integer(width), .integer(2)])), ("Index", .array(index)),
            ("Length", .integer(data.count)),
        ])
        for (key, value) in trailer.entries { dictionary[key] = value }
        var output = Array("\(number) 0 obj\n".utf8)
        try PDFSerializer.write(.dictionary(dictionary), to: &output)
        output += Array("\nstream\n".utf8) + data + Array("\nendstream\nendobj\nstartxref\n\(start)\n%%EOF\n".utf8)
        try file.append(output)
    }

    /// Runs of consecutive object numbers.
    private func groups() -> [[Int]] {
        var result: [[Int]] = []
        for number in Set(objects.keys).union(compressed.keys).sorted() {
            if let last = result.last?.last, last + 1 == number {
                result[result.count - 1].append(number)
            } else {
                result.append([number])
            }
        }
        return result
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
