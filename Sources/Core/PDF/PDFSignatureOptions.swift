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

/// PDF dates (ISO 32000-1 §7.9.4), in UTC.
enum PDFDate {
    static func string(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "D:" + String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + two(parts.hour)
            + two(parts.minute) + two(parts.second) + "+00'00'"
    }
}
