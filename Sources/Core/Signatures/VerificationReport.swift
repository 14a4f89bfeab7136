import CoreCMS
import Foundation

/// The outcome of verifying one signature, as ETSI EN 319 102-1 names them.
public enum VerificationVerdict: String, Sendable, Codable {
    /// Intact, made by the certificate it names, which chained to a trust anchor and was valid then.
    case valid = "VALID"
    /// Broken: the content or the signature was altered, or the certificate was revoked or expired then.
    case invalid = "INVALID"
    /// Intact, but what is needed to conclude is missing (no chain to a trust anchor, no revocation data…).
    case indeterminate = "INDETERMINATE"
}

/// What a verification found, for people (``text``) and scripts (JSON).
public struct VerificationReport: Sendable, Codable, Equatable {
    public let format: SignatureFormat
    public let verdict: VerificationVerdict
    /// Why the verdict is not VALID, or notes on a VALID one; each says what failed.
    public let reasons: [String]
    /// The signer's subject and issuer, and the certificate's serial number, when found.
    public let signer: String?
    public let issuer: String?
    public let serialNumber: String?
    /// The time the signer claims (signing-time, SigningTime, /M), not trusted by itself.
    public let claimedSigningTime: Date?
    /// The time a TSA vouches for (B-T), used to judge the certificate's validity.
    public let timestampTime: Date?
    /// The PDF signature field (PAdES), or the signature's file in an ASiC-E container.
    public let field: String?
    /// The external files the signature covers, by the names it gives them (XAdES); `nil` when the format
    /// says nothing of the kind (CAdES signs the content it is given, PAdES its own PDF).
    public let signedFiles: [String]?
    /// Where the signer's revocation status came from (OCSP, CRL, embedded) and when, when one answered.
    public let revocation: RevocationEvidence?
    /// The files of an ASiC-E container that no signature in it covers (`nil` for other formats).
    public let unsignedFiles: [String]?

    public init(
        format: SignatureFormat, verdict: VerificationVerdict, reasons: [String], signer: String? = nil,
        issuer: String? = nil, serialNumber: String? = nil, claimedSigningTime: Date? = nil,
        timestampTime: Date? = nil, field: String? = nil, signedFiles: [String]? = nil,
        revocation: RevocationEvidence? = nil, unsignedFiles: [String]? = nil
    ) {
        self.format = format
        self.verdict = verdict
        self.reasons = reasons
        self.signer = signer
        self.issuer = issuer
        self.serialNumber = serialNumber
        self.claimedSigningTime = claimedSigningTime
        self.timestampTime = timestampTime
        self.field = field
        self.signedFiles = signedFiles
        self.revocation = revocation
        self.unsignedFiles = unsignedFiles
    }

    /// The same report with a signing time found elsewhere (a PDF's /M).
    func with(claimedSigningTime: Date) -> VerificationReport {
        VerificationReport(
            format: format, verdict: verdict, reasons: reasons, signer: signer, issuer: issuer,
            serialNumber: serialNumber, claimedSigningTime: claimedSigningTime, timestampTime: timestampTime,
            field: field, signedFiles: signedFiles, revocation: revocation)
    }

    /// The same report naming the files the signature covers.
    func with(signedFiles: [String]) -> VerificationReport {
        VerificationReport(
            format: format, verdict: verdict, reasons: reasons, signer: signer, issuer: issuer,
            serialNumber: serialNumber, claimedSigningTime: claimedSigningTime, timestampTime: timestampTime,
            field: field, signedFiles: signedFiles, revocation: revocation)
    }

    /// The same report for a signature of an ASiC-E container: where it lies, what it covers, what the
    /// container holds unsigned, with more reasons and, when they prove an alteration, INVALID.
    func inContainer(
        signatureFile: String, signedFiles: [String], unsignedFiles: [String], invalidReasons: [String]
    ) -> VerificationReport {
        VerificationReport(
            format: format, verdict: invalidReasons.isEmpty ? verdict : .invalid, reasons: reasons + invalidReasons,
            signer: signer, issuer: issuer, serialNumber: serialNumber, claimedSigningTime: claimedSigningTime,
            timestampTime: timestampTime, field: signatureFile, signedFiles: signedFiles, revocation: revocation,
            unsignedFiles: unsignedFiles)
    }

    /// The same report for a PDF field, with more reasons or notes.
    func with(field: String, additionalReasons: [String]) -> VerificationReport {
        VerificationReport(
            format: format, verdict: verdict, reasons: reasons + additionalReasons, signer: signer, issuer: issuer,
            serialNumber: serialNumber, claimedSigningTime: claimedSigningTime, timestampTime: timestampTime,
            field: field, revocation: revocation)
    }

    /// A few lines for a terminal or a log.
    public var text: String {
        var lines = ["\(format.rawValue.uppercased())\(field.map { " (\($0))" } ?? ""): \(verdict.rawValue)"]
        if let signer { lines.append("  Signer: \(signer)") }
        if let issuer { lines.append("  Issuer: \(issuer)") }
        if let serialNumber { lines.append("  Serial number: \(serialNumber)") }
        if let claimedSigningTime {
            lines.append("  Signing time (claimed): \(claimedSigningTime.formatted(.iso8601))")
        }
        if let timestampTime { lines.append("  Timestamp: \(timestampTime.formatted(.iso8601))") }
        if let revocation { lines.append("  Revocation: \(revocation.text)") }
        if let signedFiles {
            lines.append("  Signed files: " + (signedFiles.isEmpty ? "none" : signedFiles.joined(separator: ", ")))
        }
        if let unsignedFiles, !unsignedFiles.isEmpty {
            lines.append("  Files no signature covers: " + unsignedFiles.joined(separator: ", "))
        }
        lines += reasons.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}
