import CoreCMS
import Foundation
import X509

/// What a format-specific check found, in the terms the judgement needs.
struct SignatureEvidence {
    let signer: Certificate?
    let certificates: [Certificate]
    let claimedSigningTime: Date?
    let timestamp: TimestampReport?
    /// Proofs of alteration.
    let invalidReasons: [String]
    /// What is missing to conclude.
    let indeterminateReasons: [String]
    /// Revocation data the signature carries (DER CRLs and OCSPResponses).
    var embeddedCRLs: [[UInt8]] = []
    var embeddedOCSPResponses: [[UInt8]] = []

    init(cms: CMSSignerReport) {
        signer = cms.signer
        certificates = cms.certificates
        claimedSigningTime = cms.claimedSigningTime
        timestamp = cms.timestamp
        invalidReasons = cms.problems.filter { !SignatureJudgement.isIndeterminate($0) }.map(\.description)
        indeterminateReasons = cms.problems.filter(SignatureJudgement.isIndeterminate).map(\.description)
    }

    init(
        signer: Certificate?, certificates: [Certificate], claimedSigningTime: Date?, timestamp: TimestampReport?,
        invalidReasons: [String], indeterminateReasons: [String]
    ) {
        self.signer = signer
        self.certificates = certificates
        self.claimedSigningTime = claimedSigningTime
        self.timestamp = timestamp
        self.invalidReasons = invalidReasons
        self.indeterminateReasons = indeterminateReasons
    }
}

/// Turns what a check found into a verdict (ETSI EN 319 102-1 terms): integrity first, then the
/// signer's certificate judged at the time-stamp's time when a trusted time-stamp exists, else now.
enum SignatureJudgement {
    static func judge(
        _ cms: CMSSignerReport, format: SignatureFormat, policy: VerificationPolicy, embeddedCRLs: [[UInt8]] = []
    ) async -> VerificationReport {
        var evidence = SignatureEvidence(cms: cms)
        evidence.embeddedCRLs = embeddedCRLs
        return await judge(evidence, format: format, policy: policy)
    }

    static func judge(_ cms: SignatureEvidence, format: SignatureFormat, policy: VerificationPolicy) async
        -> VerificationReport
    {
        var reasons: [String] = []
        var verdict = VerificationVerdict.valid
        if !cms.invalidReasons.isEmpty {
            verdict = .invalid
            reasons += cms.invalidReasons
        }
        if !cms.indeterminateReasons.isEmpty {
            if verdict == .valid { verdict = .indeterminate }
            reasons += cms.indeterminateReasons
        }

        var provenTime: Date?
        let validator = policy.validator(
            intermediates: cms.certificates + (cms.timestamp?.certificates ?? []), embeddedCRLs: cms.embeddedCRLs,
            embeddedOCSPResponses: cms.embeddedOCSPResponses)
        var revocation: RevocationEvidence?
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
            revocation = path.revocation
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
            claimedSigningTime: cms.claimedSigningTime, timestampTime: cms.timestamp?.time, revocation: revocation)
    }

    /// Problems that leave the question open rather than prove a forgery.
    static func isIndeterminate(_ problem: CMSProblem) -> Bool {
        switch problem {
        case .detachedContentMissing, .signerCertificateMissing, .unsupportedAlgorithm: true
        default: false
        }
    }
}
