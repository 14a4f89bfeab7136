/// Reads an indirect object (`N G obj ... endobj`) at an offset, with its stream's data location
/// (ISO 32000-1 §7.3.8, §7.3.10): /Length may be indirect or wrong, then `endstream` is searched.
struct PDFIndirectObjectReader {
    let source: PDFByteSource
    let resolveLength: (PDFReference) -> Int?

    func read(at offset: Int) throws -> (PDFReference, PDFObject) {
        let parser = PDFParser(source: source, position: offset)
        guard let number = parser.parseUnsignedInteger(), let generation = parser.parseUnsignedInteger(),
            parser.consumeKeyword("obj")
        else { throw PDFError.malformed("no object header at offset \(offset)") }
        let reference = PDFReference(number: number, generation: generation)
        let object = try parser.parseObject()
        guard case .dictionary(let dictionary) = object, parser.consumeKeyword("stream") else {
            return (reference, object)
        }
        var dataOffset = parser.position
        if source.byte(at: dataOffset) == 0x0D { dataOffset += 1 }
        if source.byte(at: dataOffset) == 0x0A { dataOffset += 1 }
        var length: Int?
        switch dictionary["Length"] {
        case .integer(let value)?: length = value
        case .reference(let lengthReference)?: length = resolveLength(lengthReference)
        default: length = nil
        }
        if let candidate = length, candidate >= 0, endsStream(at: dataOffset + candidate) {
            return (
                reference, .stream(PDFStream(dictionary: dictionary, dataOffset: dataOffset, dataLength: candidate))
            )
        }
        guard let end = try source.firstOccurrence(of: Array("endstream".utf8), from: dataOffset) else {
            throw PDFError.malformed("stream of object \(reference) has no end")
        }
        var dataEnd = end
        if dataEnd > dataOffset, source.byte(at: dataEnd - 1) == 0x0A { dataEnd -= 1 }
        if dataEnd > dataOffset, source.byte(at: dataEnd - 1) == 0x0D { dataEnd -= 1 }
        return (
            reference,
            .stream(PDFStream(dictionary: dictionary, dataOffset: dataOffset, dataLength: dataEnd - dataOffset))
        )
    }

    private func endsStream(at offset: Int) -> Bool {
        guard offset <= source.count else { return false }
        let parser = PDFParser(source: source, position: offset)
        return parser.peekToken() == "endstream"
    }
}
