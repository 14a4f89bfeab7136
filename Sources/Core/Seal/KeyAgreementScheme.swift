import SwiftASN1

/// A dhSinglePass key agreement scheme of RFC 5753 §7.1.4 and the key wrap it carries as parameters:
/// ECDH, then the X9.63 KDF with the scheme's hash over ECC-CMS-SharedInfo, then AES key wrap.
struct KeyAgreementScheme: Sendable {
    var hash: X963KeyDerivation.Hash
    /// The key wrap AlgorithmIdentifier (parameters absent, RFC 3565 §4.3).
    var wrap: SealAlgorithmIdentifier
    /// The key-encryption key's length in bytes, set by the key wrap algorithm.
    var kekLength: Int

    private static let hashes: [ASN1ObjectIdentifier: X963KeyDerivation.Hash] = [
        .Seal.stdDHSHA1KDF: .sha1, .Seal.cofactorDHSHA1KDF: .sha1,
        .Seal.stdDHSHA224KDF: .sha224, .Seal.cofactorDHSHA224KDF: .sha224,
        .Seal.stdDHSHA256KDF: .sha256, .Seal.cofactorDHSHA256KDF: .sha256,
        .Seal.stdDHSHA384KDF: .sha384, .Seal.cofactorDHSHA384KDF: .sha384,
        .Seal.stdDHSHA512KDF: .sha512, .Seal.cofactorDHSHA512KDF: .sha512,
    ]
    private static let wrapLengths: [ASN1ObjectIdentifier: Int] = [
        .Seal.aes128Wrap: 16, .Seal.aes192Wrap: 24, .Seal.aes256Wrap: 32,
    ]

    /// The scheme a KeyAgreeRecipientInfo's keyEncryptionAlgorithm names. The cofactor variants equal the
    /// standard ones on the NIST curves, whose cofactor is 1.
    init(_ identifier: SealAlgorithmIdentifier) throws {
        guard let hash = Self.hashes[identifier.algorithm] else {
            throw SealError.unsupportedAlgorithm("key agreement \(identifier.algorithm)")
        }
        guard let parameters = identifier.parameters,
            let wrap = try? SealAlgorithmIdentifier(asn1Any: parameters), let length = Self.wrapLengths[wrap.algorithm]
        else { throw SealError.unsupportedAlgorithm("the key wrap of key agreement \(identifier.algorithm)") }
        self.hash = hash
        self.wrap = wrap
        self.kekLength = length
    }

    /// dhSinglePass-stdDH-sha256kdf-scheme (P-256) or -sha384kdf-scheme (P-384) with aes256-wrap.
    init(curveBits: Int) {
        hash = curveBits > 256 ? .sha384 : .sha256
        wrap = SealAlgorithmIdentifier(algorithm: .Seal.aes256Wrap)
        kekLength = 32
    }

    /// The keyEncryptionAlgorithm to write.
    func identifier() throws -> SealAlgorithmIdentifier {
        let oid: ASN1ObjectIdentifier
        switch hash {
        case .sha1: oid = .Seal.stdDHSHA1KDF
        case .sha224: oid = .Seal.stdDHSHA224KDF
        case .sha256: oid = .Seal.stdDHSHA256KDF
        case .sha384: oid = .Seal.stdDHSHA384KDF
        case .sha512: oid = .Seal.stdDHSHA512KDF
        }
        return SealAlgorithmIdentifier(algorithm: oid, parameters: try ASN1Any(erasing: wrap))
    }

    /// The key-encryption key from the shared secret Z (RFC 5753 §3.1.1, §7.2).
    func keyEncryptionKey(sharedSecret: [UInt8], userKeyingMaterial: [UInt8]?) throws -> [UInt8] {
        let info = ECCCMSSharedInfo(
            keyInfo: wrap, entityUInfo: userKeyingMaterial, keyLengthInBits: UInt32(kekLength * 8))
        return try X963KeyDerivation.derive(
            secret: sharedSecret, sharedInfo: info.derBytes(), length: kekLength, hash: hash)
    }
}
