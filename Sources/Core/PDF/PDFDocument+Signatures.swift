extension PDFDocument {
    /// Every signed signature field of the form, in field order.
    public func signatures() throws -> [PDFSignatureInfo] {
        var result: [PDFSignatureInfo] = []
        for field in try fields() where field.type == "Sig" {
            guard let reference = field.dictionary["V"]?.referenceValue,
                let value = try resolve(.reference(reference)).dictionaryValue
            else { continue }
            result.append(try signature(field.name, reference, value))
        }
        return result
    }

    /// Streams the bytes covered by `signature`'s byte range, in chunks of at most 1 MiB.
    public func signedBytes(of signature: PDFSignatureInfo, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard signature.startsAtZero else {
            throw PDFError.malformed("the byte range of signature \(signature.fieldName) is not usable")
        }
        let range = signature.byteRange
        try source.stream(range[0]..<(range[0] + range[1]), body)
        try source.stream(range[2]..<(range[2] + range[3]), body)
    }

    private func signature(_ name: String, _ reference: PDFReference, _ value: PDFDictionary) throws -> PDFSignatureInfo
    {
        let range = (try resolve(value["ByteRange"]).arrayValue ?? []).compactMap(\.integerValue)
        let wellFormed =
            range.count == 4 && range[0] == 0 && range[1] >= 0 && range[2] >= range[1] && range[3] >= 0
            && range[2] <= fileSize && range[3] <= fileSize - range[2]  // no overflow on hostile numbers
        var gapIsContents = false
        if wellFormed, case .inFile(let offset, _)? = crossReference[reference.number] {
            let parser = PDFParser(source: source, position: offset)
            if parser.parseUnsignedInteger() != nil, parser.parseUnsignedInteger() != nil, parser.consumeKeyword("obj"),
                (try? parser.parseObject()) != nil
            {
                gapIsContents = parser.valueSpans["Contents"] == range[1]..<range[2]
            }
        }
        let end = wellFormed ? range[2] + range[3] : 0
        var coversRevision = false
        if wellFormed {
            var tail = try source.bytes(at: max(0, end - 64), length: min(64, end))
            while let last = tail.last, PDFSyntax.isWhitespace(last) { tail.removeLast() }
            coversRevision = tail.suffix(5).elementsEqual("%%EOF".utf8)
        }
        var later = false
        if wellFormed, end < fileSize {
            let parser = PDFParser(source: source, position: end)
            parser.skipWhitespace()
            later = parser.position < fileSize
        }
        return PDFSignatureInfo(
            fieldName: name, reference: reference, type: value["Type"]?.nameValue, filter: value["Filter"]?.nameValue,
            subFilter: value["SubFilter"]?.nameValue, byteRange: range,
            contents: PDFSignatureInfo.trimmed(try resolve(value["Contents"]).stringBytes ?? []),
            signingTime: value["M"]?.textValue, signerName: value["Name"]?.textValue,
            reason: value["Reason"]?.textValue,
            location: value["Location"]?.textValue, startsAtZero: wellFormed, gapIsContents: gapIsContents,
            coversWholeFile: wellFormed && end == fileSize, coversRevision: coversRevision, hasLaterUpdates: later)
    }
}
