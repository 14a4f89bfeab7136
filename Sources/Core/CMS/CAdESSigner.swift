import CoreTokens
import Foundation
import SwiftASN1
import X509

/// Makes CAdES baseline signatures (ETSI EN 319 122-1): a CMS SignedData whose signed attributes are
/// content-type, message-digest, signing-time and signing-certificate-v2, signed by a key that never
/// leaves its store; at level B-T, an RFC 3161 signature-time-stamp over the signature value is added
/// as an unsigned attribute.
public struct CAdESSigner: Sendable {
    public let key: any SigningKey
    public var digestAlgorithm: DigestAlgorithm
    public var scheme: SignatureScheme
    /// PAdES signatures leave signing-time out of the CMS: the time is the PDF's /M (EN 319 142-1 §5.3).
    public var includesSigningTime: Bool
    /// Set for level B-T.
    public var timestampClient: TimestampClient?

    public init(
        key: any SigningKey, digestAlgorithm: DigestAlgorithm = .sha256, scheme: SignatureScheme? = nil,
        includesSigningTime: Bool = true, timestampClient: TimestampClient? = nil
    ) throws(CMSError) {
        guard let chosen = scheme ?? key.keyType.defaultScheme else {
            throw .unsupportedAlgorithm("no signature scheme for a \(key.keyType) key")
        }
        self.key = key
        self.digestAlgorithm = digestAlgorithm
        self.scheme = chosen
        self.includesSigningTime = includesSigningTime
        self.timestampClient = timestampClient
    }

    /// A detached signature (no content inside) over content whose digest, computed with
    /// ``digestAlgorithm``, is `contentDigest`. Returns the DER ContentInfo.
    public func signDetached(contentDigest: [UInt8], at time: Date = Date()) async throws -> [UInt8] {
        try await sign(contentDigest: contentDigest, content: nil, at: time)
    }

    /// A detached signature of a file, read once in chunks.
    public func signDetached(fileAt url: URL, at time: Date = Date()) async throws -> [UInt8] {
        try await sign(contentDigest: try digestAlgorithm.digest(ofFileAt: url), content: nil, at: time)
    }

    /// An enveloping signature: the content travels inside the SignedData (so it is held in memory;
    /// detached signatures are for large files).
    public func signEnveloping(content: [UInt8], at time: Date = Date()) async throws -> [UInt8] {
        try await sign(contentDigest: digestAlgorithm.digest(content), content: content, at: time)
    }

    private func sign(contentDigest: [UInt8], content: [UInt8]?, at time: Date) async throws -> [UInt8] {
        let info = try await signerInfo(contentDigest: contentDigest, at: time)
        let signedData = CMSSignedData(
            digestAlgorithms: [.digest(digestAlgorithm.oid)], contentType: .CMS.data, content: content,
            certificates: try certificateDERs(), signerInfos: [info])
        return try signedData.contentInfo()
    }

    /// The signer's certificate and chain, DER, each once.
    func certificateDERs() throws -> [[UInt8]] {
        var certificates: [[UInt8]] = []
        for certificate in [key.certificate] + key.chain {
            var der = DER.Serializer()
            try der.serialize(certificate)
            if !certificates.contains(der.serializedBytes) { certificates.append(der.serializedBytes) }
        }
        return certificates
    }

    /// This signer's SignerInfo over content whose digest is `contentDigest` (time-stamped for B-T).
    func signerInfo(contentDigest: [UInt8], at time: Date) async throws -> CMSSignerInfo {
        var attributes = [
            try CMSAttribute(type: .CMS.contentType, value: ASN1ObjectIdentifier.CMS.data),
            try CMSAttribute(type: .CMS.messageDigest, value: ASN1OctetString(contentBytes: ArraySlice(contentDigest))),
        ]
        if includesSigningTime {
            attributes.append(try CMSAttribute(type: .CMS.signingTime, value: try SigningTime(time)))
        }
        attributes.append(
            CMSAttribute(
                type: .CMS.signingCertificateV2,
                values: [try ESSCertificateIdentifier(certificate: key.certificate).signingCertificateV2()]))
        let algorithm = CMSSignatureAlgorithm(scheme: scheme, digestAlgorithm: digestAlgorithm)
        var info = try CMSSignerInfo(
            signer: CMSSignerIdentifier(naming: key.certificate),
            digestAlgorithm: .digest(digestAlgorithm.oid), signedAttributes: attributes,
            signatureAlgorithm: try algorithm.identifier, signature: [])
        let signedBytes = info.signedAttributesDER ?? []
        var signature: [UInt8]
        do {
            signature = try key.sign(
                digest: digestAlgorithm.digest(signedBytes), digestAlgorithm: digestAlgorithm, scheme: scheme)
        } catch {
            throw CMSError.signingFailed(String(describing: error))
        }
        if scheme == .ecdsa { signature = try ECDSASignature.derFromRaw(signature) }
        info.signature = signature
        if let timestampClient {
            let token = try await timestampClient.timestampToken(
                digest: digestAlgorithm.digest(signature), algorithm: digestAlgorithm)
            info.unsignedAttributes = [
                CMSAttribute(type: .CMS.signatureTimeStampToken, values: [try ASN1Any(derEncoded: token)])
            ]
        }
        return info
    }
}

/// signing-time (RFC 5652 §11.3): UTCTime from 1950 to 2049, GeneralizedTime otherwise.
struct SigningTime: DERSerializable {
    let time: Date

    init(_ time: Date) throws { self.time = time }

    func serialize(into coder: inout DER.Serializer) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        let year = parts.year ?? 2000
        if (1950..<2050).contains(year) {
            try coder.serialize(
                UTCTime(
                    year: year, month: parts.month ?? 1, day: parts.day ?? 1, hours: parts.hour ?? 0,
                    minutes: parts.minute ?? 0, seconds: parts.second ?? 0))
        } else {
            try coder.serialize(
                GeneralizedTime(
                    year: year, month: parts.month ?? 1, day: parts.day ?? 1, hours: parts.hour ?? 0,
                    minutes: parts.minute ?? 0, seconds: parts.second ?? 0, fractionalSeconds: 0))
        }
    }
}
