/// Where an object lives, according to the cross-reference sections (ISO 32000-1 §7.5.4, §7.5.8).
public enum PDFCrossReferenceEntry: Equatable, Sendable {
    case free
    /// At a byte offset of the file.
    case inFile(offset: Int, generation: Int)
    /// The `index`-th object of object stream `stream`.
    case inObjectStream(stream: Int, index: Int)
}

/// One cross-reference section with its trailer dictionary.
struct PDFCrossReferenceSection {
    var entries: [Int: PDFCrossReferenceEntry] = [:]
    var trailer = PDFDictionary()
    var isStream = false
}

/// The merged cross-reference of a file and its trailer, read from the sections or rebuilt by a scan.
struct PDFCrossReferenceLayout {
    var entries: [Int: PDFCrossReferenceEntry]
    var trailer: PDFDictionary
    /// The last `startxref` offset; `nil` when rebuilt by scanning.
    var lastOffset: Int?
    var lastIsStream: Bool
}
