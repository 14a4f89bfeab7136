import Foundation

/// Which source gave a certificate's revocation status, and when it vouched for it.
public struct RevocationEvidence: Sendable, Codable, Equatable {
    public enum Source: String, Sendable, Codable {
        /// An OCSP responder asked during the verification.
        case ocsp = "OCSP"
        /// A CRL given (`--crl`) or downloaded from the certificate's distribution point.
        case crl = "CRL"
        /// A CRL or an OCSP response carried by the signature itself.
        case embedded
    }

    public enum Status: String, Sendable, Codable {
        case good
        case revoked
    }

    public let source: Source
    public let status: Status
    /// The OCSP responder or the CRL's distribution point; `nil` for a CRL given and for embedded data.
    public let location: String?
    /// When the source vouched for the status: the OCSP response's production, the CRL's thisUpdate.
    public let time: Date
    /// Why an earlier source did not answer (an OCSP responder failing before the CRL was used).
    public let fallbackReason: String?

    public init(source: Source, status: Status, location: String?, time: Date, fallbackReason: String? = nil) {
        self.source = source
        self.status = status
        self.location = location
        self.time = time
        self.fallbackReason = fallbackReason
    }

    func with(fallbackReason: String?) -> RevocationEvidence {
        RevocationEvidence(
            source: source, status: status, location: location, time: time, fallbackReason: fallbackReason)
    }

    /// The source and its time: "OCSP (http://…) at 2026-…".
    public var sourceText: String {
        "\(source.rawValue)\(location.map { " (\($0))" } ?? "") at \(time.formatted(.iso8601))"
    }

    /// One line: "good, by OCSP (http://…) at 2026-…", with why an earlier source failed.
    public var text: String {
        "\(status.rawValue), by \(sourceText)" + (fallbackReason.map { "; \($0)" } ?? "")
    }
}
