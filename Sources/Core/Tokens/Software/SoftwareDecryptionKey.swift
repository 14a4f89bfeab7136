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

    init(point: [UInt8], curve: String) throws {
        let group = ["P-256": "prime256v1", "P-384": "secp384r1", "P-521": "secp521r1"][curve] ?? curve
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        let status: Int32 = group.withCString { groupName in
            point.withUnsafeBufferPointer { pointBytes in
                var parameters = [
                    OSSL_PARAM_construct_utf8_string(
                        "group", UnsafeMutablePointer(mutating: groupName), 0),
                    OSSL_PARAM_construct_octet_string(
                        "pub", UnsafeMutableRawPointer(mutating: pointBytes.baseAddress), pointBytes.count),
                    OSSL_PARAM_construct_end(),
                ]
                guard EVP_PKEY_fromdata_init(context) == 1 else { return 0 }
                // EVP_PKEY_PUBLIC_KEY (a composite macro Swift does not import): public key + all parameters.
                let publicKeySelection =
                    OSSL_KEYMGMT_SELECT_PUBLIC_KEY | OSSL_KEYMGMT_SELECT_DOMAIN_PARAMETERS
                    | OSSL_KEYMGMT_SELECT_OTHER_PARAMETERS
                return EVP_PKEY_fromdata(context, &key, Int32(publicKeySelection), &parameters)
            }
        }
        guard status == 1, let key else {
            throw KeyStoreError.cryptoFailure("invalid EC public point: \(openSSLErrors())")
        }
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
