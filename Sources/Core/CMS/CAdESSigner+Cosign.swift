import CoreTokens
import Foundation

extension CAdESSigner {
    /// A co-signature: `existing` (a DER ContentInfo of SignedData, detached or enveloping) with this
    /// signer's SignerInfo added beside the others, over the same content (a parallel signature, RFC 5652
    /// §5.1 "signerInfos"; ETSI EN 319 122-1 §5.4). `content` is the signed file of a detached signature;
    /// every existing signer must have signed it, else nothing is signed.
    public func cosign(existing: [UInt8], contentAt content: URL?, at time: Date = Date()) async throws -> [UInt8] {
        var signedData = try CMSSignedData(contentInfo: existing)
        let digest: (DigestAlgorithm) throws -> [UInt8]
        if let enveloped = signedData.content {
            digest = { $0.digest(enveloped) }
        } else if let content {
            digest = { try $0.digest(ofFileAt: content) }
        } else {
            throw CMSError.malformed("a detached signature is co-signed with the file it signs")
        }
        let existingSigners = CMSSignatureVerifier.verify(signedData, contentDigest: digest)
        if let broken = existingSigners.first(where: { !$0.problems.isEmpty }) {
            throw CMSError.malformed(
                "the existing signature does not hold for this content ("
                    + broken.problems.map(\.description).joined(separator: "; ") + ")")
        }
        let info = try await signerInfo(contentDigest: try digest(digestAlgorithm), at: time)
        signedData.signerInfos.append(info)
        let algorithm = CMSAlgorithmIdentifier.digest(digestAlgorithm.oid)
        if !signedData.digestAlgorithms.contains(algorithm) { signedData.digestAlgorithms.append(algorithm) }
        for certificate in try certificateDERs() where !signedData.certificates.contains(certificate) {
            signedData.certificates.append(certificate)
        }
        return try signedData.contentInfo()
    }
}
