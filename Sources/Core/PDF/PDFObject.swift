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
