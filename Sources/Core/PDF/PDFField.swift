/// A terminal form field: its fully qualified name, reference, field type (/FT, inherited) and dictionary.
public struct PDFField: Sendable {
    public let name: String
    public let reference: PDFReference?
    public let type: String?
    public let dictionary: PDFDictionary
}
