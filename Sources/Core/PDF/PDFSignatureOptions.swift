import Foundation

/// What the new signature field holds.
public enum PDFSignatureKind: Sendable {
    /// A CAdES signature (/Type /Sig, /SubFilter /ETSI.CAdES.detached).
    case signature
    /// An RFC 3161 time-stamp token over the document (/Type /DocTimeStamp, /SubFilter /ETSI.RFC3161),
    /// as PAdES-B-LTA adds.
    case documentTimestamp
}

/// What to put in a new signature field and its signature dictionary.
public struct PDFSignatureOptions: Sendable {
    public var kind: PDFSignatureKind
    /// The field's name; `nil` picks the first free "Signature1", "Signature2"...
    public var fieldName: String?
    /// Bytes reserved for the CMS signature in /Contents (written as twice as many hex digits).
    public var reservedSize: Int
    /// The signing time written in /M.
    public var signingTime: Date
    public var signerName: String?
    public var reason: String?
    public var location: String?

    public init(
        kind: PDFSignatureKind = .signature, fieldName: String? = nil, reservedSize: Int = 32768,
        signingTime: Date = Date(), signerName: String? = nil,
        reason: String? = nil, location: String? = nil
    ) {
        self.kind = kind
        self.fieldName = fieldName
        self.reservedSize = reservedSize
        self.signingTime = signingTime
        self.signerName = signerName
        self.reason = reason
        self.location = location
    }
}
