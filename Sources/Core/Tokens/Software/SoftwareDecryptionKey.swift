import COpenSSL
import Foundation
import X509

/// A decryption key held in a PKCS#12 file (a software bi-key, or the reference side in tests).
public struct SoftwareDecryptionKey: DecryptionKey {
    public let certificate: Certificate
    private let key: OpenSSLPrivateKey

    /// Opens a PKCS#12 file; a wrong passphrase throws ``KeyStoreError/wrongPassphrase(path:)``.
    public init(pkcs12 path: String, passphrase: String) throws {
        let signing = try SoftwareSigningKey(pkcs12: path, passphrase: passphrase)
        certificate = signing.certificate
        key = signing.privateKey
    }

    /// The same PKCS#12 key, opened already for signing.
    public init(_ signing: SoftwareSigningKey) {
        certificate = signing.certificate
        key = signing.privateKey
    }

    public func decryptKey(_ encryptedKey: [UInt8], padding: RSAKeyTransportPadding) throws -> [UInt8] {
        guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_decrypt_init(context) == 1 else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        switch padding {
        case .pkcs1v15:
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 else {
                throw KeyStoreError.cryptoFailure(openSSLErrors())
            }
        case .oaep(let hash, let mgfHash):
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_oaep_md(context, hash.openSSLDigest) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(context, mgfHash.openSSLDigest) == 1
            else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        }
        var length = 0
        guard EVP_PKEY_decrypt(context, nil, &length, encryptedKey, encryptedKey.count) == 1 else {
            throw KeyStoreError.decryptionFailed
        }
        var output = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_decrypt(context, &output, &length, encryptedKey, encryptedKey.count) == 1 else {
            ERR_clear_error()
            throw KeyStoreError.decryptionFailed
        }
        return Array(output.prefix(length))
    }

    public func sharedSecret(withPeerPoint point: [UInt8]) throws -> [UInt8] {
        guard case .ec(let curve) = key.keyType else {
            throw KeyStoreError.cryptoFailure("an RSA key cannot do key agreement")
        }
        let peer = try OpenSSLPublicKey(point: point, curve: curve)
        guard let context = EVP_PKEY_CTX_new(key.pointer, nil) else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        defer { EVP_PKEY_CTX_free(context) }
        var length = 0
        guard EVP_PKEY_derive_init(context) == 1, EVP_PKEY_derive_set_peer(context, peer.pointer) == 1,
            EVP_PKEY_derive(context, nil, &length) == 1
        else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        var secret = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_derive(context, &secret, &length) == 1 else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        return Array(secret.prefix(length))
    }
}

/// An EC public key built from an uncompressed point, for ECDH.
final class OpenSSLPublicKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// The DER SubjectPublicKeyInfo header (id-ecPublicKey, the named curve, the BIT STRING header)
    /// that precedes an uncompressed point of each curve.
    private static let spkiPrefixes: [String: [UInt8]] = [
        "P-256": [
            0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
            0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
        ],
        "P-384": [
            0x30, 0x76, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81, 0x04,
            0x00, 0x22, 0x03, 0x62, 0x00,
        ],
        "P-521": [
            0x30, 0x81, 0x9b, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81,
            0x04, 0x00, 0x23, 0x03, 0x81, 0x86, 0x00,
        ],
    ]

    init(point: [UInt8], curve: String) throws {
        guard let prefix = Self.spkiPrefixes[curve] else {
            throw KeyStoreError.cryptoFailure("unsupported curve \(curve)")
        }
        let spki = prefix + point
        let key: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { throw KeyStoreError.cryptoFailure("invalid EC public point: \(openSSLErrors())") }
        pointer = key
    }

    deinit { EVP_PKEY_free(pointer) }
}

extension OAEPHash {
    var openSSLDigest: OpaquePointer? {
        switch self {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }
}
