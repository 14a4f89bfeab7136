/// Rebuilds the cross-reference of a damaged file by scanning it, in chunks, for `N G obj` headers
/// and `trailer` dictionaries; objects of object streams found are added, later definitions win.
struct PDFObjectScanner {
    let source: PDFByteSource

    func scan() throws -> PDFCrossReferenceLayout {
        var entries: [Int: PDFCrossReferenceEntry] = [:]
        var trailerOffsets: [Int] = []
        let chunkSize = 1 << 20
        let overlap = 64
        var start = 0
        while start < source.count {
            let chunk = try source.bytes(at: start, length: chunkSize + overlap)
            let limit = min(chunk.count, chunkSize)
            var index = 0
            while index < limit {
                if chunk[index] == UInt8(ascii: "o"), matches(chunk, index, "obj"),
                    let header = objectHeader(chunk, endingBefore: index)
                {
                    entries[header.number] = .inFile(offset: start + header.offset, generation: header.generation)
                } else if chunk[index] == UInt8(ascii: "t"), matches(chunk, index, "trailer") {
                    trailerOffsets.append(start + index)
                }
                index += 1
            }
            start += chunkSize
        }
        var trailer = PDFDictionary()
        for offset in trailerOffsets.reversed() {
            let parser = PDFParser(source: source, position: offset + 7)
            if case .dictionary(let dictionary)? = try? parser.parseObject(), dictionary["Root"] != nil {
                trailer = dictionary
                break
            }
        }
        let reader = PDFIndirectObjectReader(source: source) { _ in nil }
        var catalog: PDFReference?
        for (number, entry) in entries.sorted(by: { $0.key < $1.key }) {
            guard case .inFile(let offset, let generation) = entry,
                let (_, object) = try? reader.read(at: offset), let dictionary = object.dictionaryValue
            else { continue }
            switch dictionary["Type"]?.nameValue {
            case "Catalog": catalog = PDFReference(number: number, generation: generation)
            case "XRef":
                for key in ["Root", "Info", "ID", "Encrypt"] where trailer[key] == nil {
                    trailer[key] = dictionary[key]
                }
            case "ObjStm":
                guard case .stream(let stream) = object, let count = dictionary["N"]?.integerValue,
                    let data = try? PDFStreamDecoder.decode(stream, from: source, resolve: { $0 ?? .null })
                else { continue }
                let parser = PDFParser(source: PDFByteSource(bytes: data), position: 0)
                for slot in 0..<max(0, count) {
                    guard let contained = parser.parseUnsignedInteger(), parser.parseUnsignedInteger() != nil else {
                        break
                    }
                    if entries[contained] == nil { entries[contained] = .inObjectStream(stream: number, index: slot) }
                }
            default: break
            }
        }
        if trailer["Root"] == nil, let catalog { trailer["Root"] = .reference(catalog) }
        trailer["Size"] = .integer((entries.keys.max() ?? 0) + 1)
        trailer["Prev"] = nil
        trailer["XRefStm"] = nil
        return PDFCrossReferenceLayout(entries: entries, trailer: trailer, lastOffset: nil, lastIsStream: false)
    }

    private func matches(_ chunk: [UInt8], _ index: Int, _ keyword: String) -> Bool {
        let bytes = Array(keyword.utf8)
        guard index + bytes.count <= chunk.count, chunk[index..<(index + bytes.count)].elementsEqual(bytes) else {
            return false
        }
        let before = index == 0 || !PDFSyntax.isRegular(chunk[index - 1])
        let after = index + bytes.count == chunk.count || !PDFSyntax.isRegular(chunk[index + bytes.count])
        return before && after
    }

    /// The `N G` before an `obj` keyword at `index`, with the offset where N starts.
    private func objectHeader(_ chunk: [UInt8], endingBefore index: Int) -> (number: Int, generation: Int, offset: Int)?
    {
        var cursor = index - 1
        func skipSpaces() -> Bool {
            let start = cursor
            while cursor >= 0, PDFSyntax.isWhitespace(chunk[cursor]) { cursor -= 1 }
            return cursor < start
        }
        func digits() -> Int? {
            var value = 0
            var scale = 1
            let start = cursor
            while cursor >= 0, PDFSyntax.isDigit(chunk[cursor]), start - cursor < 10 {
                value += Int(chunk[cursor] - 0x30) * scale
                scale *= 10
                cursor -= 1
            }
            return cursor < start ? value : nil
        }
        guard skipSpaces(), let generation = digits(), skipSpaces(), let number = digits() else { return nil }
        guard cursor < 0 || !PDFSyntax.isRegular(chunk[cursor]) else { return nil }
        return (number, generation, cursor + 1)
    }
}
