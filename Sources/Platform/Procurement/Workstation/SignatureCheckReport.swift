import CoreSignatures
import Foundation
import Hummingbird

/// `POST /api/signatures/verify`'s answer: one report per signature, in the shape the assistant's `verify`
/// gives (docs/protocol.md), so that the page shows both the same way; times in ISO 8601.
package struct SignatureCheckAnswer: Codable, Sendable, ResponseEncodable {
    package let fileName: String
    package let reports: [SignatureCheckReport]

    package init(fileName: String, reports: [VerificationReport]) {
        self.fileName = fileName
        self.reports = reports.map(SignatureCheckReport.init)
    }
}

/// One signature's report: the verdict (`VALID`, `INVALID`, `INDETERMINATE`), why, the signer's certificate, the
/// claimed and time-stamped times.
package struct SignatureCheckReport: Codable, Sendable, Equatable {
    package let format: String
    package let verdict: String
    package let reasons: [String]
    package let signer: String?
    package let issuer: String?
    package let serialNumber: String?
    package let claimedSigningTime: String?
    package let timestampTime: String?
    package let field: String?
    package let signedFiles: [String]?

    package init(_ report: VerificationReport) {
        let iso = ISO8601DateFormatter()
        format = report.format.rawValue
        verdict = report.verdict.rawValue
        reasons = report.reasons
        signer = report.signer
        issuer = report.issuer
        serialNumber = report.serialNumber
        claimedSigningTime = report.claimedSigningTime.map { iso.string(from: $0) }
        timestampTime = report.timestampTime.map { iso.string(from: $0) }
        field = report.field
        signedFiles = report.signedFiles
    }
}
