/// Decodes a stream's data through its /Filter chain (FlateDecode only, with /DecodeParms predictors).
enum PDFStreamDecoder {
    static func decode(
        _ stream: PDFStream, from source: PDFByteSource, resolve: (PDFObject?) throws -> PDFObject
    ) throws -> [UInt8] {
        guard stream.dataLength <= PDFFlate.maximumDecodedSize else { throw PDFError.malformed("stream too large") }
        var data = try source.bytes(at: stream.dataOffset, length: stream.dataLength)
        var filters = try resolve(stream.dictionary["Filter"])
        var parameters = try resolve(stream.dictionary["DecodeParms"])
        if case .name = filters { filters = .array([filters]) }
        if case .dictionary = parameters { parameters = .array([parameters]) }
        let parameterList = parameters.arrayValue ?? []
        for (index, filter) in (filters.arrayValue ?? []).enumerated() {
            guard let name = filter.nameValue, name == "FlateDecode" || name == "Fl" else {
                throw PDFError.malformed("unsupported stream filter \(filter)")
            }
            data = try PDFFlate.inflate(data)
            if index < parameterList.count, let dictionary = try resolve(parameterList[index]).dictionaryValue {
                data = try PDFFlate.unpredict(data, parameters: dictionary)
            }
        }
        return data
    }
}
