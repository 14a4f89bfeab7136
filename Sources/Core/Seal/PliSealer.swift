import CoreTokens
import Crypto
import Foundation
import SwiftASN1
import X509

/// Seals a file (a pli's document) for its recipients: CMS AuthEnvelopedData with AES-256-GCM (the
/// default) or EnvelopedData with AES-256-CBC, written as indefinite-length BER while the input is read,
/// so that files of several gigabytes seal in bounded memory. See `docs/pli-format.md`.
///
/// ```
/// ContentInfo ::= SEQUENCE { contentType, content [0] EXPLICIT ANY }                 -- RFC 5652 §3
/// EnvelopedData ::= SEQUENCE {                                                      -- RFC 5652 §6.1
///   version, originatorInfo [0] IMPLICIT OPTIONAL, recipientInfos SET OF RecipientInfo,
///   encryptedContentInfo, unprotectedAttrs [1] IMPLICIT OPTIONAL }
/// AuthEnvelopedData ::= SEQUENCE {                                                  -- RFC 5083 §2.1
///   version (0), originatorInfo [0] IMPLICIT OPTIONAL, recipientInfos,
///   authEncryptedContentInfo, authAttrs [1] IMPLICIT OPTIONAL, mac OCTET STRING,
///   unauthAttrs [2] IMPLICIT OPTIONAL }
/// EncryptedContentInfo ::= SEQUENCE {
///   contentType, contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
/// ```
public struct PliSealer: Sendable {
    /// The certificates the pli is sealed for: one RecipientInfo each.
    public var recipients: [Certificate]
    public var cipher: SealCipher
    /// The padding for RSA recipients: OAEP with SHA-256 and MGF1-SHA-256 by default, PKCS #1 v1.5 for
    /// readers that only know it.
    public var rsaPadding: RSAKeyTransportPadding
    public var recipientIdentifier: RecipientIdentifierKind

    public init(
        recipients: [Certificate], cipher: SealCipher = .aes256GCM,
        rsaPadding: RSAKeyTransportPadding = .oaep(hash: .sha256, mgfHash: .sha256),
        recipientIdentifier: RecipientIdentifierKind = .issuerAndSerialNumber
    ) {
        self.recipients = recipients
        self.cipher = cipher
        self.rsaPadding = rsaPadding
        self.recipientIdentifier = recipientIdentifier
    }

    /// Seals `input` into `output` (written beside it under a temporary name, renamed at the end; an
    /// existing `output` is replaced). Returns the plaintext's size and SHA-256.
    @discardableResult
    public func seal(_ input: URL, to output: URL) throws -> PliDigest {
        guard !recipients.isEmpty else { throw SealError.noRecipients }
        let cek = try randomBytes(32)
        let algorithm = try ContentEncryptionAlgorithm.fresh(cipher)
        let infos = try recipients.map {
            try RecipientInfo.sealing(cek, for: $0, padding: rsaPadding, naming: recipientIdentifier)
        }
        let source = try InputFile(input)
        let sink = try PartialOutputFile(destination: output)
        do {
            let digest = try write(source: source, to: sink, recipientInfos: infos, algorithm: algorithm, cek: cek)
            try sink.commit()
            return digest
        } catch {
            sink.discard()
            throw error
        }
    }

    private func write(
        source: InputFile, to sink: PartialOutputFile, recipientInfos: [RecipientInfo],
        algorithm: ContentEncryptionAlgorithm, cek: [UInt8]
    ) throws -> PliDigest {
        let authenticated = cipher == .aes256GCM
        var prefix = DER.Serializer()
        try prefix.serialize(authenticated ? ASN1ObjectIdentifier.Seal.authEnvelopedData : .Seal.envelopedData)
        let version = authenticated || recipientInfos.allSatisfy { $0.version == 0 } ? 0 : 2
        var body = DER.Serializer()
        try body.serialize(version)
        try body.serializeSetOf(recipientInfos)
        var contentHeader = DER.Serializer()
        try contentHeader.serialize(ASN1ObjectIdentifier.Seal.data)
        try contentHeader.serialize(algorithm.identifier())

        try sink.write(BEREncoding.indefiniteHeader(BEREncoding.sequence))  // ContentInfo
        try sink.write(prefix.serializedBytes)
        try sink.write(BEREncoding.indefiniteHeader(BEREncoding.contextZeroConstructed))  // [0] EXPLICIT
        try sink.write(BEREncoding.indefiniteHeader(BEREncoding.sequence))  // (Auth)EnvelopedData
        try sink.write(body.serializedBytes)
        try sink.write(BEREncoding.indefiniteHeader(BEREncoding.sequence))  // EncryptedContentInfo
        try sink.write(contentHeader.serializedBytes)
        try sink.write(BEREncoding.indefiniteHeader(BEREncoding.contextZeroConstructed))  // encryptedContent

        let encryptor = try ContentCipher(algorithm, key: cek, encrypting: true)
        let hash = BackgroundSHA256()
        var size: Int64 = 0
        var chunk = [UInt8](repeating: 0, count: BERStreamReader.chunkSize)
        while true {
            let read = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
            if read == 0 { break }
            size += Int64(read)
            let encrypted = try chunk.withUnsafeBytes { raw in
                let slice = UnsafeRawBufferPointer(rebasing: raw[0..<read])
                hash.update(Array(slice))
                return try encryptor.update(slice)
            }
            try writeSegment(encrypted, to: sink)
        }
        let (last, tag) = try encryptor.finishEncryption()
        try writeSegment(last, to: sink)
        try sink.write(BEREncoding.endOfContents)  // encryptedContent
        try sink.write(BEREncoding.endOfContents)  // EncryptedContentInfo
        if let tag {
            try sink.write(BEREncoding.header(BEREncoding.octetString, length: tag.count) + tag)  // mac
        }
        try sink.write(BEREncoding.endOfContents)  // (Auth)EnvelopedData
        try sink.write(BEREncoding.endOfContents)  // [0] EXPLICIT
        try sink.write(BEREncoding.endOfContents)  // ContentInfo
        return PliDigest(size: size, sha256: hash.finalize())
    }

    private func writeSegment(_ bytes: [UInt8], to sink: PartialOutputFile) throws {
        guard !bytes.isEmpty else { return }
        try sink.write(BEREncoding.header(BEREncoding.octetString, length: bytes.count))
        try sink.write(bytes)
    }
}
