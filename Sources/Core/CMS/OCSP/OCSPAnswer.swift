import Foundation

/// A checked OCSP response about one certificate: its status and when the responder vouched for it.
public struct OCSPAnswer: Sendable {
    public let status: OCSPCertificateStatus
    /// The responder asked; `nil` for a response found in a signature.
    public let url: String?
    /// Who signed the response (the issuer, or its delegated responder).
    public let responder: String
    public let producedAt: Date
    public let thisUpdate: Date
    public let nextUpdate: Date?
    /// The DER OCSPResponse as received, to keep with the signature (long-term levels).
    public let response: [UInt8]
}
