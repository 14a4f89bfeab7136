import CoreModel
import CoreTokens
import Crypto
import Foundation
import SwiftASN1
import X509

/// Opens a sealed pli with a recipient's key, streaming: the outer BER structure is read incrementally,
/// the RecipientInfo naming one of the keys' certificates gives the content-encryption key, and the content is
/// decrypted into a temporary file beside the destination. The file is renamed into place only once the
/// last byte is authenticated (the AES-GCM tag, or the AES-CBC padding and the expected SHA-256); on any
/// failure the temporary file is deleted and no output remains.
public struct PliOpener: Sendable {
    /// The keys tried, in order, against the pli's recipients (a token may hold several bi-keys).
    public let keys: [any DecryptionKey]

    public init(key: any DecryptionKey) {
        self.keys = [key]
    }

    /// Opens with whichever of `keys` the pli was sealed for.
    public init(keys: [any DecryptionKey]) {
        self.keys = keys
    }

    /// Opens `input` into `output` (an existing `output` is replaced).
    ///
    /// - Parameter expectedSHA256: the plaintext's SHA-256 when the caller knows it (the bidder's own copy;
    ///   the platform keeps none, docs/pli-format.md); a different plaintext throws
    ///   ``SealError/digestMismatch(expected:found:)``.
    /// - Returns: the plaintext's size and SHA-256.
    @discardableResult
    public func open(_ input: URL, to output: URL, expectedSHA256: [UInt8]? = nil) throws -> PliDigest {
        let keys = keys
        return try Self.decrypt(input, to: output, expectedSHA256: expectedSHA256) { recipients in
            try RecipientInfo.contentEncryptionKey(recipients, keys: keys)
        }
    }

    /// Opens `input` into `output` with its content-encryption key, recovered elsewhere (the platform
    /// opening a pli it stores with the key an agent's assistant unwrapped). The same checks as
    /// ``open(_:to:expectedSHA256:)``: with a wrong key, AES-GCM fails its tag
    /// (``SealError/authenticationFailed``) and AES-CBC almost always its padding
    /// (``SealError/invalidPadding``); a key of the wrong length is ``SealError/keyRecoveryFailed(_:)``.
    /// Nothing is left under `output` unless the whole content decrypted and checked.
    @discardableResult
    public static func open(
        _ input: URL, to output: URL, contentEncryptionKey key: ContentEncryptionKey
    ) throws -> PliDigest {
        try decrypt(input, to: output, expectedSHA256: nil) { _ in key.bytes }
    }

    private static func decrypt(
        _ input: URL, to output: URL, expectedSHA256: [UInt8]?, key: ([RecipientInfo]) throws -> [UInt8]
    ) throws -> PliDigest {
        let reader = BERStreamReader(try InputFile(input))
        let sink = try PartialOutputFile(destination: output)
        do {
            let digest = try read(reader, into: sink, key: key)
            if let expectedSHA256, expectedSHA256 != digest.sha256 {
                throw SealError.digestMismatch(
                    expected: expectedSHA256.hex, found: digest.sha256Hex)
            }
            try sink.commit()
            return digest
        } catch {
            sink.discard()
            throw error
        }
    }

    private static func read(
        _ reader: BERStreamReader, into sink: PartialOutputFile, key: ([RecipientInfo]) throws -> [UInt8]
    ) throws -> PliDigest {
        let header = try PliHeader.read(reader)
        let (authenticated, fields, wrapper, outer) = (
            header.authenticated, header.fields, header.wrapper, header.outer
        )
        let cek = try key(header.recipients)

        let digest = try decryptContent(reader, cek: cek, authenticated: authenticated, into: sink)
        if !authenticated {
            try finishDecryption(digest, reader, tag: nil, fields: fields, into: sink)
        } else {
            let next = try reader.readHeader()
            if next.isContext(1) {
                throw SealError.unsupportedAlgorithm("authenticated attributes in AuthEnvelopedData")
            }
            guard next.isUniversal(4), !next.constructed, (next.length ?? .max) <= 64 else {
                throw SealError.notASealedPli("the AuthEnvelopedData has no mac")
            }
            let mac = Array(try reader.readElement(after: next).dropFirst(next.encoded.count))
            try finishDecryption(digest, reader, tag: mac, fields: fields, into: sink)
        }
        for container in [wrapper, outer] {
            guard try reader.atEnd(of: container) else {
                throw SealError.notASealedPli("unexpected data after the envelope")
            }
        }
        return PliDigest(size: digest.size, sha256: digest.hash.finalize())
    }

    /// Checks the tag or padding and skips the envelope's trailing unprotected attributes.
    private static func finishDecryption(
        _ state: DecryptionState, _ reader: BERStreamReader, tag: [UInt8]?, fields: BERContainer,
        into sink: PartialOutputFile
    ) throws {
        while try !reader.atEnd(of: fields) {
            let header = try reader.readHeader()
            guard header.tagClass == 0x80 else { throw SealError.notASealedPli("unexpected data in the envelope") }
            _ = try reader.readElement(after: header)
        }
        let last = try state.cipher.finishDecryption(tag: tag)
        state.hash.update(last)
        state.size += Int64(last.count)
        try sink.write(last)
    }
}
