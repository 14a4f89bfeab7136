/// A stream object: its dictionary and where its (still encoded) data lies in the file.
public struct PDFStream: Equatable, Sendable {
    public var dictionary: PDFDictionary
    /// Offset of the first data byte in the file.
    public let dataOffset: Int
    /// Number of encoded data bytes.
    public let dataLength: Int
}
