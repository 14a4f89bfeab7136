import CoreCMS
import Foundation
import X509

/// Turns what the CMS check found into a verdict (ETSI EN 319 102-1 terms): integrity first, then the
/// signer's certificate judged at the time-stamp's time when a trusted time-stamp exists, else now.
enum CMSReportJudgement {
    static func judge(_ cms: CMSSignerReport, format: SignatureFormat, policy: VerificationPolicy) async
        -> VerificationReport
    {
        var reasons: [String] = []
        var verdict = VerificationVerdict.valid
        let blocking = cms.problems.filter { !Self.isIndeterminate($0) }
        if !blocking.isEmpty {
            verdict = .invalid
            reasons += blocking.map(\.description)
        }
        let missing = cms.problems.filter(Self.isIndeterminate)
        if !missing.isEmpty {
            if verdict == .valid { verdict = .indeterminate }
            reasons += missing.map(\.description)
        }

        var provenTime: Date?
        let validator = policy.validator(intermediates: cms.certificates + (cms.timestamp?.certificates ?? []))
        if let timestamp = cms.timestamp, timestamp.problems.isEmpty, let time = timestamp.time,
            let authority = timestamp.authority
        {
            let tsa = await validator.validate(authority, at: time, purpose: .timestamping)
            if tsa.verdict == .valid {
                provenTime = time
            } else {
                reasons.append("the time-stamp is not trusted: " + tsa.reasons.joined(separator: "; "))
            }
        }
        if let signer = cms.signer, verdict != .invalid {
            let path = await validator.validate(
                signer, at: provenTime ?? policy.now, purpose: .signature, claimedSigningTime: cms.claimedSigningTime,
                timeIsProven: provenTime != nil)
            switch path.verdict {
            case .invalid:
                verdict = .invalid
                reasons += path.reasons
            case .indeterminate:
                if verdict == .valid { verdict = .indeterminate }
                reasons += path.reasons
            case .valid:
                if verdict == .valid { reasons += path.notes }
            }
        }
        return VerificationReport(
            format: format, verdict: verdict, reasons: reasons, signer: cms.signer?.subject.description,
            issuer: cms.signer?.issuer.description,
            serialNumber: cms.signer.map {
                $0.serialNumber.bytes.map { String(format: "%02X", $0) }.joined(separator: ":")
            },
            claimedSigningTime: cms.claimedSigningTime, timestampTime: cms.timestamp?.time)
    }

    /// Problems that leave the question open rather than prove a forgery.
    private static func isIndeterminate(_ problem: CMSProblem) -> Bool {
        switch problem {
        case .detachedContentMissing, .signerCertificateMissing, .unsupportedAlgorithm: true
        default: false
        }
    }
}
