import Crypto
import X509

/// A private key able to open sealed plis, wherever it lives (a PKCS#11 token, a PKCS#12 file), with
/// its certificate. The key never leaves its store: only the wrapped content-encryption key goes in
/// (RSA key transport) or only the shared secret comes out (ECDH key agreement).
public protocol DecryptionKey: Sendable {
    /// The recipient certificate the key belongs to.
    var certificate: Certificate { get }

    /// Decrypts an RSA-encrypted content-encryption key (KeyTransRecipientInfo, RFC 5652 §6.2.1).
    func decryptKey(_ encryptedKey: [UInt8], padding: RSAKeyTransportPadding) throws -> [UInt8]

    /// The ECDH shared secret Z (RFC 5753 §3.1) with the originator's ephemeral public key, given as
    /// the uncompressed point `04 || X || Y` on the key's curve.
    func sharedSecret(withPeerPoint point: [UInt8]) throws -> [UInt8]
}

/// RSA encryption of a content-encryption key.
public enum RSAKeyTransportPadding: Sendable, Equatable, Hashable {
    /// RSAES-PKCS1-v1_5: older plis, and `openssl cms -encrypt` by default.
    case pkcs1v15
    /// RSAES-OAEP (RFC 8017 §7.1) with a hash and MGF1 over `mgfHash`, and an empty label.
    case oaep(hash: OAEPHash, mgfHash: OAEPHash)
}

/// The hashes OAEP may name; SHA-1 is OAEP's default (`openssl cms -keyopt rsa_padding_mode:oaep`).
public enum OAEPHash: String, Sendable, Equatable, Hashable, CaseIterable {
    case sha1, sha256, sha384, sha512
}

extension OAEPHash {
    /// The digest's length in bytes.
    var length: Int {
        switch self {
        case .sha1: 20
        case .sha256: 32
        case .sha384: 48
        case .sha512: 64
        }
    }

    /// The digest of `bytes`.
    func digest(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
        case .sha256: Array(SHA256.hash(data: bytes))
        case .sha384: Array(SHA384.hash(data: bytes))
        case .sha512: Array(SHA512.hash(data: bytes))
        }
    }
}
