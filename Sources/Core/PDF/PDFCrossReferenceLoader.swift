/// Reads the cross-reference sections from the last `startxref` back through /Prev and /XRefStm
/// (ISO 32000-1 §7.5.4 tables, §7.5.8 streams, §7.5.8.4 hybrid files, §7.5.6 incremental updates).
struct PDFCrossReferenceLoader {
    let source: PDFByteSource

    func load() throws -> PDFCrossReferenceLayout {
        let tail = max(0, source.count - 4096)
        guard let keyword = try source.lastOccurrence(of: Array("startxref".utf8), in: tail..<source.count),
            let start = PDFParser(source: source, position: keyword + 9).parseUnsignedInteger()
        else { throw PDFError.malformed("no startxref at the end of the file") }
        var sections: [PDFCrossReferenceSection] = []
        var visited: Set<Int> = []
        var next: Int? = start
        while let offset = next, visited.insert(offset).inserted, sections.count < 10_000 {
            var section = try readSection(at: offset)
            if !section.isStream, let streamOffset = section.trailer["XRefStm"]?.integerValue,
                let hidden = try? readSection(at: streamOffset)
            {
                // Hybrid file: the table's objects, then the stream's, then the table's free entries.
                let inUse = section.entries.filter { $0.value != .free }
                section.entries = section.entries.merging(hidden.entries) { table, stream in
                    table == .free ? stream : table
                }
                section.entries.merge(inUse) { _, table in table }
            }
            sections.append(section)
            next = section.trailer["Prev"]?.integerValue
        }
        guard let newest = sections.first else { throw PDFError.malformed("no cross-reference section") }
        var entries: [Int: PDFCrossReferenceEntry] = [:]
        var trailer = newest.trailer
        for section in sections {
            entries.merge(section.entries) { newer, _ in newer }
            for key in ["Root", "Info", "ID", "Encrypt"] where trailer[key] == nil {
                trailer[key] = section.trailer[key]
            }
        }
        let size = sections.compactMap { $0.trailer["Size"]?.integerValue }.max() ?? 0
        trailer["Size"] = .integer(max(size, (entries.keys.max() ?? 0) + 1))
        return PDFCrossReferenceLayout(
            entries: entries, trailer: trailer, lastOffset: start, lastIsStream: newest.isStream)
    }

    private func readSection(at offset: Int) throws -> PDFCrossReferenceSection {
        guard offset >= 0, offset < source.count else {
            throw PDFError.malformed("cross-reference offset \(offset) is outside the file")
        }
        let parser = PDFParser(source: source, position: offset)
        if parser.consumeKeyword("xref") { return try readTable(parser) }
        return try readStream(at: offset)
    }

    private func readTable(_ parser: PDFParser) throws -> PDFCrossReferenceSection {
        var section = PDFCrossReferenceSection()
        while !parser.consumeKeyword("trailer") {
            guard let first = parser.parseUnsignedInteger(), let count = parser.parseUnsignedInteger() else {
                throw PDFError.malformed("damaged cross-reference table at offset \(parser.position)")
            }
            parser.skipWhitespace()
            for number in first..<(first + count) {
                if let entry = try fixedWidthEntry(at: parser.position) {
                    section.entries[number] = entry
                    parser.position += 20
                    continue
                }
                guard let offset = parser.parseUnsignedInteger(), let generation = parser.parseUnsignedInteger()
                else { throw PDFError.malformed("damaged cross-reference entry at offset \(parser.position)") }
                if parser.consumeKeyword("n") {
                    section.entries[number] = offset > 0 ? .inFile(offset: offset, generation: generation) : .free
                } else if parser.consumeKeyword("f") {
                    section.entries[number] = .free
                } else {
                    throw PDFError.malformed("damaged cross-reference entry at offset \(parser.position)")
                }
            }
        }
        guard case .dictionary(let trailer) = try parser.parseObject() else {
            throw PDFError.malformed("the trailer is not a dictionary")
        }
        section.trailer = trailer
        return section
    }

    /// A table entry in its standard form, `oooooooooo ggggg n` and a two-byte end of line, read
    /// without tokenising (tables of large files have hundreds of thousands of them).
    private func fixedWidthEntry(at position: Int) throws -> PDFCrossReferenceEntry? {
        let bytes = try source.bytes(at: position, length: 20)
        guard bytes.count == 20, bytes[10] == 0x20, bytes[16] == 0x20,
            PDFSyntax.isWhitespace(bytes[18]), PDFSyntax.isWhitespace(bytes[19])
        else { return nil }
        var offset = 0
        var generation = 0
        for index in 0..<10 {
            guard PDFSyntax.isDigit(bytes[index]) else { return nil }
            offset = offset * 10 + Int(bytes[index] - 0x30)
        }
        for index in 11..<16 {
            guard PDFSyntax.isDigit(bytes[index]) else { return nil }
            generation = generation * 10 + Int(bytes[index] - 0x30)
        }
        switch bytes[17] {
        case UInt8(ascii: "n"): return offset > 0 ? .inFile(offset: offset, generation: generation) : .free
        case UInt8(ascii: "f"): return .free
        default: return nil
        }
    }

    private func readStream(at offset: Int) throws -> PDFCrossReferenceSection {
        let reader = PDFIndirectObjectReader(source: source) { _ in nil }
        guard case .stream(let stream) = try reader.read(at: offset).1,
            stream.dictionary["Type"]?.nameValue == "XRef",
            let widths = stream.dictionary["W"]?.arrayValue?.compactMap(\.integerValue), widths.count == 3,
            widths.allSatisfy({ $0 >= 0 && $0 <= 8 })
        else { throw PDFError.malformed("no cross-reference at offset \(offset)") }
        let data = try PDFStreamDecoder.decode(stream, from: source) { $0 ?? .null }
        let size = stream.dictionary["Size"]?.integerValue ?? 0
        let index = stream.dictionary["Index"]?.arrayValue?.compactMap(\.integerValue) ?? [0, size]
        let rowWidth = widths.reduce(0, +)
        var section = PDFCrossReferenceSection(trailer: stream.dictionary, isStream: true)
        var position = 0
        for pair in stride(from: 0, to: index.count - 1, by: 2) {
            let (first, count) = (index[pair], max(0, index[pair + 1]))
            guard first >= 0, first <= Int.max - count else {
                throw PDFError.malformed("the cross-reference stream at offset \(offset) has an invalid /Index")
            }
            for number in first..<(first + count) {
                guard rowWidth > 0, position + rowWidth <= data.count else { return section }
                var fields = [0, 0, 0]
                var cursor = position
                for field in 0..<3 {
                    for _ in 0..<widths[field] {
                        fields[field] = fields[field] << 8 | Int(data[cursor])
                        cursor += 1
                    }
                }
                if widths[0] == 0 { fields[0] = 1 }
                switch fields[0] {
                case 1: section.entries[number] = .inFile(offset: fields[1], generation: fields[2])
                case 2: section.entries[number] = .inObjectStream(stream: fields[1], index: fields[2])
                default: section.entries[number] = .free
                }
                position += rowWidth
            }
        }
        return section
    }
}
