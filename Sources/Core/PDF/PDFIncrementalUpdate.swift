import Foundation

/// An incremental update being written (ISO 32000-1 §7.5.6): the original bytes copied unchanged,
/// then new or replaced objects, then a cross-reference section in the document's own form (a
/// table, or a stream when the last section is one) chained to the previous one with /Prev.
final class PDFIncrementalUpdate {
    let document: PDFDocument
    let file: PDFPartialFile
    private var written: [Int: (generation: Int, offset: Int)] = [:]
    private var nextNumber: Int

    /// Copies `document` into `file` in 1 MiB chunks, ending it with an end-of-line.
    init(document: PDFDocument, file: PDFPartialFile) throws {
        self.document = document
        self.file = file
        nextNumber = document.size
        try document.source.stream(0..<document.fileSize) { try file.append(raw: $0) }
        let last = try document.source.bytes(at: document.fileSize - 1, length: 1).first
        if let last, last != 0x0A, last != 0x0D { try file.append([0x0A]) }
    }

    /// A new object number.
    func allocate() -> PDFReference {
        defer { nextNumber += 1 }
        return PDFReference(number: nextNumber)
    }

    /// Writes object `reference` with `body`; returns the offset of the body's first byte.
    @discardableResult
    func write(_ reference: PDFReference, _ body: [UInt8]) throws -> Int {
        let header = Array("\(reference.number) \(reference.generation) obj\n".utf8)
        written[reference.number] = (reference.generation, file.length)
        let start = file.length + header.count
        try file.append(header + body + Array("\nendobj\n".utf8))
        return start
    }

    /// Writes `object` as object `reference`.
    func write(_ reference: PDFReference, _ object: PDFObject) throws {
        try write(reference, try PDFSerializer.bytes(object))
    }

    /// Writes a stream object holding `data` unencoded.
    func writeStream(_ reference: PDFReference, _ data: [UInt8], dictionary: PDFDictionary = PDFDictionary()) throws {
        var dictionary = dictionary
        dictionary["Length"] = .integer(data.count)
        let body = try PDFSerializer.bytes(.dictionary(dictionary)) + Array("\nstream\n".utf8) + data
        try write(reference, body + Array("\nendstream".utf8))
    }

    /// Appends the cross-reference section, trailer, `startxref` and `%%EOF`.
    func finish() throws {
        var trailer = PDFDictionary([("Root", .reference(document.rootReference))])
        // /Info is normally a reference; a direct dictionary (seen in the wild) is carried as is.
        if let info = document.trailer["Info"] { trailer["Info"] = info }
        var generator = SystemRandomNumberGenerator()
        let fresh: PDFObject = .string(
            (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }, hexadecimal: true)
        if let identifiers = document.identifiers, let first = identifiers.first {
            trailer["ID"] = .array([.string(first, hexadecimal: true), fresh])
        } else {
            trailer["ID"] = .array([fresh, fresh])
        }
        let size = nextNumber
        guard let previous = document.lastCrossReferenceOffset else {
            // Rebuilt by scanning: list every object, so that readers need no older section.
            var objects = written
            var compressed: [Int: (stream: Int, index: Int)] = [:]
            for (number, entry) in document.crossReference where objects[number] == nil {
                switch entry {
                case .inFile(let offset, let generation): objects[number] = (generation, offset)
                case .inObjectStream(let stream, let index): compressed[number] = (stream, index)
                case .free: break
                }
            }
            let writer = PDFCrossReferenceWriter(objects: objects, trailer: trailer, size: size, compressed: compressed)
            if compressed.isEmpty {
                try writer.writeTable(to: file)
            } else {
                try writer.writeStream(number: size, to: file)
            }
            return
        }
        trailer["Prev"] = .integer(previous)
        let writer = PDFCrossReferenceWriter(objects: written, trailer: trailer, size: size)
        if document.lastSectionIsStream {
            try writer.writeStream(number: size, to: file)
        } else {
            try writer.writeTable(to: file)
        }
    }
}
