import Crypto
import SwiftASN1

extension PliOpener {
    /// Reads the EncryptedContentInfo and decrypts its content into `sink` as it streams.
    ///
    /// ```
    /// EncryptedContentInfo ::= SEQUENCE {
    ///   contentType ContentType,
    ///   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
    ///   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
    /// ```
    /// The encryptedContent is a primitive OCTET STRING or a constructed one of segments (each primitive
    /// or itself constructed), definite or indefinite (X.690 §8.7).
    static func decryptContent(
        _ reader: BERStreamReader, cek: [UInt8], authenticated: Bool, into sink: PartialOutputFile
    ) throws -> DecryptionState {
        let header = try reader.readHeader()
        guard header.isUniversal(16), header.constructed else {
            throw SealError.notASealedPli("the envelope has no EncryptedContentInfo")
        }
        let info = reader.enter(header)
        _ = try ASN1ObjectIdentifier(derEncoded: try reader.readElement(maximum: 64))
        let identifier = try SealAlgorithmIdentifier(derEncoded: try reader.readElement(maximum: 4096))
        let algorithm = try ContentEncryptionAlgorithm(identifier)
        switch (algorithm.mode, authenticated) {
        case (.gcm, false): throw SealError.notASealedPli("AES-GCM in an EnvelopedData")
        case (.cbc, true): throw SealError.notASealedPli("AES-CBC in an AuthEnvelopedData")
        default: break
        }
        let state = DecryptionState(cipher: try ContentCipher(algorithm, key: cek, encrypting: false))
        guard try !reader.atEnd(of: info) else {
            throw SealError.notASealedPli("the content is detached (not in the file)")
        }
        let content = try reader.readHeader()
        guard content.isContext(0) else { throw SealError.notASealedPli("the encrypted content is missing") }
        try decryptSegments(content, reader, state: state, into: sink, depth: 0)
        guard try reader.atEnd(of: info) else {
            throw SealError.notASealedPli("unexpected data after the encrypted content")
        }
        return state
    }

    /// Constructed segments may nest (X.690 §8.7.3.2), but not without end: the reading recurses.
    private static func decryptSegments(
        _ header: BERHeader, _ reader: BERStreamReader, state: DecryptionState, into sink: PartialOutputFile,
        depth: Int
    ) throws {
        guard header.constructed else {
            guard let length = header.length else { throw SealError.notASealedPli("an indefinite primitive") }
            try reader.stream(count: length) { slice in
                let plain = try state.cipher.update(slice)
                state.hash.update(plain)
                state.size += Int64(plain.count)
                try sink.write(plain)
            }
            return
        }
        guard depth < BERStreamReader.maximumDepth else {
            throw SealError.notASealedPli("the encrypted content's segments are nested too deep")
        }
        let segments = reader.enter(header)
        while try !reader.atEnd(of: segments) {
            let segment = try reader.readHeader()
            guard segment.isUniversal(4) else {
                throw SealError.notASealedPli("a segment of the encrypted content is not an OCTET STRING")
            }
            try decryptSegments(segment, reader, state: state, into: sink, depth: depth + 1)
        }
    }
}
