import Foundation

/// A PDF file opened for random access reading: its cross-reference sections (tables, streams,
/// hybrid files, /Prev chains) are read from the end, objects are parsed when asked for, and the
/// file is never loaded whole. A damaged cross-reference is rebuilt by scanning for `N G obj`.
public final class PDFDocument {
    public let url: URL
    let source: PDFByteSource
    /// The merged trailer: the newest one, completed by older ones for /Root, /Info, /ID and /Size.
    public let trailer: PDFDictionary
    /// Where each object lives, newest sections taking precedence.
    public let crossReference: [Int: PDFCrossReferenceEntry]
    /// Offset of the newest cross-reference section (the last `startxref`), `nil` when rebuilt by scanning.
    public let lastCrossReferenceOffset: Int?
    /// Whether the newest cross-reference section is a stream (/Type /XRef) rather than a table.
    public let lastSectionIsStream: Bool
    /// Whether the cross-reference was unusable and rebuilt by scanning the file.
    public let wasRebuilt: Bool
    public let rootReference: PDFReference

    private var objectStreams: [Int: (data: [UInt8], offsets: [(number: Int, offset: Int)])] = [:]
    private var resolving: Set<Int> = []
    private var repaired: [Int: PDFCrossReferenceEntry]?

    /// Opens `url`; throws ``PDFError/encrypted`` for an encrypted file and ``PDFError/malformed(_:)``
    /// when neither the cross-reference nor a scan finds the document catalog.
    public convenience init(url: URL) throws {
        let source = try PDFByteSource(url: url)
        let header = try source.bytes(at: 0, length: 1024)
        guard (try PDFByteSource(bytes: header).firstOccurrence(of: Array("%PDF-".utf8), from: 0)) != nil else {
            throw PDFError.malformed("no %PDF- header")
        }
        let loaded = try? PDFCrossReferenceLoader(source: source).load()
        if let loaded, loaded.trailer["Encrypt"] != nil { throw PDFError.encrypted }
        if let loaded, let root = loaded.trailer["Root"]?.referenceValue,
            (try? PDFDocument(url: url, source: source, layout: loaded, root: root).catalog()) != nil
        {
            self.init(url: url, source: source, layout: loaded, root: root)
            return
        }
        let scanned = try PDFObjectScanner(source: source).scan()
        if scanned.trailer["Encrypt"] != nil { throw PDFError.encrypted }
        guard let root = scanned.trailer["Root"]?.referenceValue else {
            throw PDFError.malformed("no document catalog found")
        }
        self.init(url: url, source: source, layout: scanned, root: root)
        _ = try catalog()
    }

    private init(url: URL, source: PDFByteSource, layout: PDFCrossReferenceLayout, root: PDFReference) {
        self.url = url
        self.source = source
        crossReference = layout.entries
        trailer = layout.trailer
        lastCrossReferenceOffset = layout.lastOffset
        lastSectionIsStream = layout.lastIsStream
        wasRebuilt = layout.lastOffset == nil
        rootReference = root
    }

    /// The size of the file in bytes.
    public var fileSize: Int { source.count }

    /// The object `reference` points to, `.null` for a free or missing object (ISO 32000-1 §7.3.10).
    public func object(_ reference: PDFReference) throws -> PDFObject {
        guard let entry = crossReference[reference.number] else { return .null }
        guard resolving.insert(reference.number).inserted else {
            throw PDFError.malformed("object \(reference) refers to itself")
        }
        defer { resolving.remove(reference.number) }
        switch entry {
        case .free: return .null
        case .inFile(let offset, _):
            if let (found, object) = try? indirectObject(at: offset), found.number == reference.number {
                return object
            }
            // A wrong offset in an otherwise usable cross-reference: look where a scan found the object.
            if case .inFile(let repaired, _)? = try repairedEntries()[reference.number], repaired != offset,
                let (found, object) = try? indirectObject(at: repaired), found.number == reference.number
            {
                return object
            }
            throw PDFError.malformed("object \(reference) is not at offset \(offset)")
        case .inObjectStream(let stream, let index):
            return try objectInStream(stream, index: index, number: reference.number)
        }
    }

    /// `object`, or the object it refers to (following chains of references).
    public func resolve(_ object: PDFObject?) throws -> PDFObject {
        var current = object ?? .null
        for _ in 0..<32 {
            guard case .reference(let reference) = current else { return current }
            current = try self.object(reference)
        }
        throw PDFError.malformed("too long a chain of references")
    }

    /// The decoded data of a stream (FlateDecode, with predictors).
    public func decodedData(_ stream: PDFStream) throws -> [UInt8] {
        try PDFStreamDecoder.decode(stream, from: source) { try self.resolve($0) }
    }

    /// Parses the indirect object whose `N G obj` header starts at `offset`.
    func indirectObject(at offset: Int) throws -> (PDFReference, PDFObject) {
        try PDFIndirectObjectReader(source: source) { [unowned self] reference in
            try? self.resolve(.reference(reference)).integerValue
        }.read(at: offset)
    }

    /// The object locations found by scanning the file, computed once when first needed.
    private func repairedEntries() throws -> [Int: PDFCrossReferenceEntry] {
        if let repaired { return repaired }
        let entries = wasRebuilt ? crossReference : try PDFObjectScanner(source: source).scan().entries
        repaired = entries
        return entries
    }

    private func objectInStream(_ stream: Int, index: Int, number: Int) throws -> PDFObject {
        if objectStreams[stream] == nil {
            guard case .stream(let container) = try object(PDFReference(number: stream)),
                let count = container.dictionary["N"]?.integerValue,
                let first = container.dictionary["First"]?.integerValue
            else { throw PDFError.malformed("object stream \(stream) is missing or invalid") }
            let data = try decodedData(container)
            guard (0...data.count).contains(first) else {
                throw PDFError.malformed("object stream \(stream) has its objects outside its data (/First \(first))")
            }
            let parser = PDFParser(source: PDFByteSource(bytes: data), position: 0)
            var offsets: [(number: Int, offset: Int)] = []
            for _ in 0..<max(0, count) {
                guard let objectNumber = parser.parseUnsignedInteger(), let relative = parser.parseUnsignedInteger()
                else { throw PDFError.malformed("object stream \(stream) has a damaged header") }
                offsets.append((objectNumber, first + relative))
            }
            if objectStreams.count >= 8 { objectStreams.removeAll() }
            objectStreams[stream] = (data, offsets)
        }
        guard let (data, offsets) = objectStreams[stream] else { return .null }
        let slot =
            index < offsets.count && offsets[index].number == number
            ? offsets[index] : offsets.first { $0.number == number }
        guard let slot else { throw PDFError.malformed("object \(number) is not in object stream \(stream)") }
        return try PDFParser(source: PDFByteSource(bytes: data), position: slot.offset).parseObject()
    }
}
