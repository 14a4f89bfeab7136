/// A PDF object (ISO 32000-1 §7.3) as read from a file or built to be written.
public enum PDFObject: Equatable, Sendable {
    case null
    case boolean(Bool)
    case integer(Int)
    /// A real number, kept as written so that rewriting an object does not change it.
    case real(String)
    /// A name without its slash, `#xx` escapes decoded (each byte one Latin-1 character).
    case name(String)
    /// A string's bytes; `hexadecimal` tells how it was written.
    case string([UInt8], hexadecimal: Bool)
    case array([PDFObject])
    case dictionary(PDFDictionary)
    case reference(PDFReference)
    case stream(PDFStream)

    public var integerValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var nameValue: String? {
        if case .name(let value) = self { return value }
        return nil
    }

    public var stringBytes: [UInt8]? {
        if case .string(let bytes, _) = self { return bytes }
        return nil
    }

    public var arrayValue: [PDFObject]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The dictionary of a dictionary or of a stream.
    public var dictionaryValue: PDFDictionary? {
        switch self {
        case .dictionary(let value): value
        case .stream(let stream): stream.dictionary
        default: nil
        }
    }

    public var referenceValue: PDFReference? {
        if case .reference(let value) = self { return value }
        return nil
    }

    /// A text string's value (PDFDocEncoding approximated by Latin-1, or UTF-16BE / UTF-8 with their marks).
    public var textValue: String? {
        guard let bytes = stringBytes else { return nil }
        return PDFText.decode(bytes)
    }
}

/// A PDF dictionary that keeps the order of its keys, so rewritten objects stay recognisable.
public struct PDFDictionary: Equatable, Sendable {
    public private(set) var entries: [(key: String, value: PDFObject)]

    public init(_ entries: [(key: String, value: PDFObject)] = []) { self.entries = entries }

    public subscript(key: String) -> PDFObject? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public var keys: [String] { entries.map(\.key) }

    public static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// A stream object: its dictionary and where its (still encoded) data lies in the file.
public struct PDFStream: Equatable, Sendable {
    public var dictionary: PDFDictionary
    /// Offset of the first data byte in the file.
    public let dataOffset: Int
    /// Number of encoded data bytes.
    public let dataLength: Int
}
