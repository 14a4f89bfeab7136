import COpenSSL
import Foundation

/// An OpenSSL private key held in memory (from a PKCS#12 or PKCS#8 file), able to sign digests.
final class OpenSSLPrivateKey: @unchecked Sendable {
    // EVP_PKEY is reference counted and safe for concurrent signing contexts.
    let pointer: OpaquePointer

    init(taking pointer: OpaquePointer) { self.pointer = pointer }
    deinit { EVP_PKEY_free(pointer) }

    /// Reads a PEM or DER PKCS#8 private key (unencrypted).
    convenience init(pkcs8 bytes: [UInt8]) throws {
        let key: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count))
            defer { BIO_free(bio) }
            if let key = PEM_read_bio_PrivateKey(bio, nil, nil, nil) { return key }
            _ = BIO_ctrl(bio, BIO_CTRL_RESET, 0, nil)
            return d2i_PrivateKey_bio(bio, nil)
        }
        guard let key else { throw KeyStoreError.cryptoFailure("not a PKCS#8 private key: \(openSSLErrors())") }
        self.init(taking: key)
    }

    /// The key's type and size.
    var keyType: KeyType { KeyType(evpKey: pointer) }

    /// Signs a digest; ECDSA signatures come back as raw `r || s` (see ``SigningKey``).
    func sign(digest: [UInt8], digestAlgorithm: DigestAlgorithm, scheme: SignatureScheme) throws -> [UInt8] {
        let type = keyType
        switch (scheme, type) {
        case (.rsaPKCS1v15, .rsa), (.rsaPSS, .rsa), (.ecdsa, .ec): break
        default: throw KeyStoreError.unsupportedScheme(scheme, type)
        }
        guard let context = EVP_PKEY_CTX_new(pointer, nil) else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_sign_init(context) == 1,
            EVP_PKEY_CTX_set_signature_md(context, digestAlgorithm.openSSLDigest) == 1
        else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        switch scheme {
        case .rsaPKCS1v15:
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 else {
                throw KeyStoreError.cryptoFailure(openSSLErrors())
            }
        case .rsaPSS:
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(context, Int32(digestAlgorithm.length)) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(context, digestAlgorithm.openSSLDigest) == 1
            else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        case .ecdsa: break
        }
        var length = 0
        guard EVP_PKEY_sign(context, nil, &length, digest, digest.count) == 1 else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_sign(context, &signature, &length, digest, digest.count) == 1 else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        signature.removeLast(signature.count - length)
        if case .ec(let curve) = type {
            return try ECDSASignature.rawFromDER(signature, coordinateLength: ECDSASignature.coordinateLength(curve))
        }
        return signature
    }
}

extension DigestAlgorithm {
    /// OpenSSL's digest for this algorithm.
    var openSSLDigest: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }
}
