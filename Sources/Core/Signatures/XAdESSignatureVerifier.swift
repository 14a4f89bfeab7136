import CoreXML
import Foundation

/// Verifies an XAdES (or plain XML-DSig, as `xmlsec1` makes it) detached signature file and judges its
/// signer.
public enum XAdESSignatureVerifier {
    public static func verify(signature: URL, content: URL?, policy: VerificationPolicy) async -> VerificationReport {
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: signature)
            defer { try? handle.close() }
            bytes = Array(try handle.read(upToCount: 10_000_001) ?? Data())
        } catch {
            return VerificationReport(format: .xades, verdict: .indeterminate, reasons: ["\(error)"])
        }
        let found = XAdESVerifier.verify(bytes, location: signature, content: content)
        let evidence = SignatureEvidence(
            signer: found.signer, certificates: found.certificates, claimedSigningTime: found.claimedSigningTime,
            timestamp: found.timestamp,
            invalidReasons: found.problems.filter { !$0.isIndeterminate }.map(\.description),
            indeterminateReasons: found.problems.filter(\.isIndeterminate).map(\.description))
        return await SignatureJudgement.judge(evidence, format: .xades, policy: policy)
            .with(signedFiles: found.signedFiles)
    }
}
