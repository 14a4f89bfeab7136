import SwiftASN1

/// The content cipher named by an EncryptedContentInfo, with its parameters.
///
/// AES-CBC (RFC 3565 §4.1): `AES-IV ::= OCTET STRING (SIZE(16))`.
/// AES-GCM (RFC 5084 §3.2):
/// ```
/// GCMParameters ::= SEQUENCE {
///   aes-nonce        OCTET STRING, -- recommended size is 12 octets
///   aes-ICVlen       AES-GCM-ICVlen DEFAULT 12 }
/// AES-GCM-ICVlen ::= INTEGER (12 | 13 | 14 | 15 | 16)
/// ```
struct ContentEncryptionAlgorithm: Sendable, Equatable {
    enum Mode: Sendable, Equatable {
        case cbc
        case gcm(tagLength: Int)
    }

    var mode: Mode
    /// The AES key length in bytes (16, 24 or 32).
    var keyLength: Int
    /// The CBC IV or the GCM nonce.
    var iv: [UInt8]

    init(mode: Mode, keyLength: Int, iv: [UInt8]) {
        self.mode = mode
        self.keyLength = keyLength
        self.iv = iv
    }

    /// A fresh AES-256 algorithm for `cipher`: a random 16-byte IV, or a random 12-byte nonce and 16-byte tag.
    static func fresh(_ cipher: SealCipher) throws -> ContentEncryptionAlgorithm {
        switch cipher {
        case .aes256CBC: ContentEncryptionAlgorithm(mode: .cbc, keyLength: 32, iv: try randomBytes(16))
        case .aes256GCM: ContentEncryptionAlgorithm(mode: .gcm(tagLength: 16), keyLength: 32, iv: try randomBytes(12))
        }
    }

    private static let cbcKeyLengths: [ASN1ObjectIdentifier: Int] = [
        .Seal.aes128CBC: 16, .Seal.aes192CBC: 24, .Seal.aes256CBC: 32,
    ]
    private static let gcmKeyLengths: [ASN1ObjectIdentifier: Int] = [
        .Seal.aes128GCM: 16, .Seal.aes192GCM: 24, .Seal.aes256GCM: 32,
    ]

    init(_ identifier: SealAlgorithmIdentifier) throws {
        if let length = Self.cbcKeyLengths[identifier.algorithm] {
            guard let parameters = identifier.parameters,
                let iv = try? ASN1OctetString(asn1Any: parameters), iv.bytes.count == 16
            else { throw SealError.notASealedPli("the AES-CBC parameters are not a 16-byte IV") }
            self.init(mode: .cbc, keyLength: length, iv: Array(iv.bytes))
        } else if let length = Self.gcmKeyLengths[identifier.algorithm] {
            guard let parameters = identifier.parameters,
                let gcm = try? GCMParameters(asn1Any: parameters), (12...16).contains(gcm.tagLength),
                !gcm.nonce.isEmpty
            else { throw SealError.notASealedPli("the AES-GCM parameters are not valid") }
            self.init(mode: .gcm(tagLength: gcm.tagLength), keyLength: length, iv: gcm.nonce)
        } else {
            throw SealError.unsupportedAlgorithm("content cipher \(identifier.algorithm)")
        }
    }

    /// The AlgorithmIdentifier to write in the EncryptedContentInfo.
    func identifier() throws -> SealAlgorithmIdentifier {
        switch mode {
        case .cbc:
            let oid: ASN1ObjectIdentifier =
                keyLength == 16 ? .Seal.aes128CBC : keyLength == 24 ? .Seal.aes192CBC : .Seal.aes256CBC
            return SealAlgorithmIdentifier(
                algorithm: oid, parameters: try ASN1Any(erasing: ASN1OctetString(contentBytes: iv[...])))
        case .gcm(let tagLength):
            let oid: ASN1ObjectIdentifier =
                keyLength == 16 ? .Seal.aes128GCM : keyLength == 24 ? .Seal.aes192GCM : .Seal.aes256GCM
            return SealAlgorithmIdentifier(
                algorithm: oid, parameters: try ASN1Any(erasing: GCMParameters(nonce: iv, tagLength: tagLength)))
        }
    }
}
