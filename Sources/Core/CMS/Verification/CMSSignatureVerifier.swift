import CoreTokens
import Foundation
import SwiftASN1
import X509

/// Checks CMS signatures (CAdES, the CMS inside a PAdES signature, RFC 3161 tokens): the content's
/// digest against message-digest, the signature over the signed attributes with the signer's key, the
/// signing-certificate binding, and the signature-time-stamp. Anybody's signatures: `openssl cms`,
/// pyHanko, and Sceau's own.
public enum CMSSignatureVerifier {
    /// Checks every signer of `signedData`.
    ///
    /// - Parameters:
    ///   - contentDigest: for a detached signature, the digest of the signed content with the algorithm
    ///     asked (the caller streams the file, or a PDF's ByteRange); nil when the content was not given.
    ///   - extraCertificates: certificates to find the signer among when the message does not carry it.
    public static func verify(
        _ signedData: CMSSignedData, contentDigest: ((DigestAlgorithm) throws -> [UInt8])?,
        extraCertificates: [Certificate] = []
    ) -> [CMSSignerReport] {
        let carried = signedData.parsedCertificates
        guard !signedData.signerInfos.isEmpty else {
            return [
                CMSSignerReport(
                    signer: nil, certificates: carried, algorithm: nil, claimedSigningTime: nil, timestamp: nil,
                    enveloping: signedData.content != nil, problems: [.noSigner])
            ]
        }
        return signedData.signerInfos.map { info in
            verify(info, of: signedData, certificates: carried + extraCertificates, contentDigest: contentDigest)
        }
    }

    static func verify(
        _ info: CMSSignerInfo, of signedData: CMSSignedData, certificates: [Certificate],
        contentDigest: ((DigestAlgorithm) throws -> [UInt8])?, checksTimestamp: Bool = true
    ) -> CMSSignerReport {
        var problems: [CMSProblem] = []
        let signer = certificates.first { info.signer.names($0) }
        func report(_ algorithm: CMSSignatureAlgorithm?, time: Date? = nil, timestamp: TimestampReport? = nil)
            -> CMSSignerReport
        {
            CMSSignerReport(
                signer: signer, certificates: signedData.parsedCertificates, algorithm: algorithm,
                claimedSigningTime: time, timestamp: timestamp, enveloping: signedData.content != nil,
                problems: problems)
        }
        guard let digestAlgorithm = DigestAlgorithm(oid: info.digestAlgorithm.algorithm) else {
            problems.append(.unsupportedAlgorithm("digest \(info.digestAlgorithm.algorithm)"))
            return report(nil)
        }
        let algorithm: CMSSignatureAlgorithm
        do {
            algorithm = try CMSSignatureAlgorithm(signatureAlgorithm: info.signatureAlgorithm, digest: digestAlgorithm)
        } catch {
            problems.append(.unsupportedAlgorithm(error.description))
            return report(nil)
        }

        var digest: [UInt8]?
        if let content = signedData.content {
            digest = digestAlgorithm.digest(content)
        } else if let contentDigest {
            do {
                digest = try contentDigest(digestAlgorithm)
            } catch {
                problems.append(.malformed("the content cannot be read: \(error)"))
            }
        } else {
            problems.append(.detachedContentMissing)
        }

        var claimedTime: Date?
        let signedBytesDigest: [UInt8]?
        if let attributes = info.signedAttributes, let der = info.signedAttributesDER {
            do {
                if let type = try attributes.single(.CMS.contentType) {
                    if try ASN1ObjectIdentifier(asn1Any: type) != signedData.contentType {
                        problems.append(.contentTypeMismatch)
                    }
                } else {
                    problems.append(.missingSignedAttribute("content-type"))
                }
                if let signedDigest = try attributes.single(.CMS.messageDigest) {
                    if let digest, Array(try ASN1OctetString(asn1Any: signedDigest).bytes) != digest {
                        problems.append(.contentDigestMismatch)
                    }
                } else {
                    problems.append(.missingSignedAttribute("message-digest"))
                }
                claimedTime = try attributes.single(.CMS.signingTime).flatMap(Self.time)
                if let signer { problems += try signingCertificateProblems(attributes, signer: signer) }
            } catch {
                problems.append(.malformed("a signed attribute cannot be read: \(error)"))
            }
            signedBytesDigest = algorithm.digestAlgorithm.digest(der)
        } else {
            // Without signed attributes the signature covers the content's digest itself.
            signedBytesDigest = algorithm.digestAlgorithm == digestAlgorithm ? digest : nil
        }

        guard let signer else {
            problems.append(.signerCertificateMissing)
            return report(algorithm, time: claimedTime)
        }
        if let signedBytesDigest,
            !SignatureVerifier.isValid(
                signature: info.signature, digest: signedBytesDigest, digestAlgorithm: algorithm.digestAlgorithm,
                scheme: algorithm.scheme, publicKey: signer.publicKey, ecdsaDER: true)
        {
            problems.append(.signatureInvalid)
        }

        var timestamp: TimestampReport?
        if checksTimestamp, let tokens = info.unsignedAttributes?.filter({ $0.type == .CMS.signatureTimeStampToken }),
            let token = tokens.first?.values.first
        {
            var coder = DER.Serializer()
            if (try? coder.serialize(token)) != nil {
                timestamp = verifyTimestamp(coder.serializedBytes) { $0.digest(info.signature) }
                if let failure = timestamp?.problems.first { problems.append(.timestampInvalid(failure.description)) }
            }
        }
        return report(algorithm, time: claimedTime, timestamp: timestamp)
    }

    /// Checks an RFC 3161 token: its TSA signature, and that it stamps `stampedDigest` (the digest, with
    /// the token's own imprint algorithm, of what it should vouch for).
    public static func verifyTimestamp(_ tokenDER: [UInt8], stampedDigest: (DigestAlgorithm) -> [UInt8])
        -> TimestampReport
    {
        let token: TimestampToken
        do {
            token = try TimestampToken(derEncoded: tokenDER)
        } catch {
            return TimestampReport(time: nil, authority: nil, certificates: [], problems: [.malformed("\(error)")])
        }
        var problems: [CMSProblem] = []
        guard let imprintAlgorithm = DigestAlgorithm(oid: token.info.imprint.algorithm) else {
            return TimestampReport(
                time: token.info.genTime, authority: nil, certificates: token.signedData.parsedCertificates,
                problems: [.unsupportedAlgorithm("imprint \(token.info.imprint.algorithm)")])
        }
        if stampedDigest(imprintAlgorithm) != token.info.imprint.hash {
            problems.append(.contentDigestMismatch)
        }
        let carried = token.signedData.parsedCertificates
        guard let info = token.signedData.signerInfos.first else {
            return TimestampReport(
                time: token.info.genTime, authority: nil, certificates: carried, problems: problems + [.noSigner])
        }
        let signerReport = verify(
            info, of: token.signedData, certificates: carried, contentDigest: nil, checksTimestamp: false)
        problems += signerReport.problems
        if let authority = signerReport.signer {
            let usages = (try? authority.extensions.extendedKeyUsage).map { Array($0) } ?? []
            if !usages.contains(.timeStamping) {
                problems.append(.timestampInvalid("the TSA certificate is not for time-stamping"))
            }
        }
        return TimestampReport(
            time: token.info.genTime, authority: signerReport.signer, certificates: carried, problems: problems)
    }

    /// The certificate-binding problems: a signing-certificate(-v2) attribute that names another one.
    private static func signingCertificateProblems(_ attributes: [CMSAttribute], signer: Certificate) throws
        -> [CMSProblem]
    {
        if let value = try attributes.single(.CMS.signingCertificateV2) {
            let identifiers = try ESSCertificateIdentifier.parse(value, v2: true)
            return identifiers.first?.identifies(signer) == true ? [] : [.signingCertificateMismatch]
        }
        if let value = try attributes.single(.CMS.signingCertificate) {
            let identifiers = try ESSCertificateIdentifier.parse(value, v2: false)
            return identifiers.first?.identifies(signer) == true ? [] : [.signingCertificateMismatch]
        }
        return []
    }

    /// A signing-time value (UTCTime or GeneralizedTime).
    private static func time(_ value: ASN1Any) -> Date? {
        if let utc = try? UTCTime(asn1Any: value) { return Date(utc) }
        if let generalized = try? GeneralizedTime(asn1Any: value) { return Date(generalized) }
        return nil
    }
}
