import CoreCMS
import Foundation

/// Verifies a CAdES (or any CMS) signature file, detached with its content file or enveloping.
public enum CAdESVerifier {
    /// One report per signer of the `.p7s` at `signature`.
    public static func verify(signature: URL, content: URL?, policy: VerificationPolicy) async -> [VerificationReport] {
        let signedData: CMSSignedData
        do {
            let bytes = try Data(contentsOf: signature)
            guard bytes.count <= 64 << 20 else {
                return [
                    VerificationReport(
                        format: .cades, verdict: .indeterminate,
                        reasons: [
                            "the signature file is larger than 64 MiB: an enveloping signature this large is "
                                + "not read"
                        ])
                ]
            }
            signedData = try CMSSignedData(contentInfo: Array(bytes))
        } catch {
            return [VerificationReport(format: .cades, verdict: .invalid, reasons: ["\(error)"])]
        }
        let reports = CMSSignatureVerifier.verify(
            signedData, contentDigest: content.map { url in { try $0.digest(ofFileAt: url) } })
        var judged: [VerificationReport] = []
        for report in reports {
            judged.append(
                await SignatureJudgement.judge(report, format: .cades, policy: policy, embeddedCRLs: signedData.crls))
        }
        return judged
    }
}
