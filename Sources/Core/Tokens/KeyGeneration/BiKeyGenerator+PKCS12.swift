import COpenSSL
import Foundation
import SwiftASN1
import X509

extension BiKeyGenerator {
    /// Generates a software bi-key into a new PKCS#12 file at `path`, protected by `passphrase`, and
    /// returns its certificate. An existing file is never overwritten.
    public static func pkcs12(_ request: BiKeyRequest, passphrase: String, path: String) async throws -> Certificate {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw KeyStoreError.unreadableFile(path: path, reason: "the file exists already; choose another name")
        }
        guard passphrase.count >= 8 else {
            throw KeyStoreError.cryptoFailure("the passphrase must have at least 8 characters")
        }
        let key = try generate(request.algorithm)
        var publicKeyDER: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key.pointer, &publicKeyDER)
        guard length > 0, let publicKeyDER else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        let spki = Array(UnsafeBufferPointer(start: publicKeyDER, count: Int(length)))
        CRYPTO_free(publicKeyDER, #fileID, #line)
        let publicKey = try Certificate.PublicKey(derEncoded: spki)
        let keyType = key.keyType
        let signer = DigestSigner(publicKey: publicKey, keyType: keyType) { digest in
            try key.sign(digest: digest, digestAlgorithm: .sha256, scheme: keyType.defaultScheme ?? .rsaPKCS1v15)
        }
        let certificate = try await EncryptionCertificate.issue(for: request, signer: signer)
        var der = DER.Serializer()
        try der.serialize(certificate)
        try writePKCS12(
            key: key, certificateDER: der.serializedBytes, name: request.commonName, passphrase: passphrase, to: path)
        return certificate
    }

    private static func generate(_ algorithm: BiKeyAlgorithm) throws -> OpenSSLPrivateKey {
        let isRSA: Bool
        if case .rsa = algorithm.keyType { isRSA = true } else { isRSA = false }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, isRSA ? "RSA" : "EC", nil) else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        switch algorithm.keyType {
        case .rsa(let bits):
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else {
                throw KeyStoreError.cryptoFailure(openSSLErrors())
            }
        default:
            guard EVP_PKEY_CTX_set_group_name(context, "prime256v1") == 1 else {
                throw KeyStoreError.cryptoFailure(openSSLErrors())
            }
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        return OpenSSLPrivateKey(taking: key)
    }

    /// Writes key + certificate as PKCS#12 (OpenSSL 3 defaults: AES-256-CBC, PBKDF2, SHA-256 MAC) to a
    /// temporary file renamed into place.
    static func writePKCS12(
        key: OpenSSLPrivateKey, certificateDER: [UInt8], name: String, passphrase: String, to path: String
    ) throws {
        let certificate: OpaquePointer? = certificateDER.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_X509(nil, &cursor, buffer.count)
        }
        guard let certificate else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        defer { X509_free(certificate) }
        guard let p12 = PKCS12_create(passphrase, name, key.pointer, certificate, nil, 0, 0, 0, 0, 0) else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        defer { PKCS12_free(p12) }
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_PKCS12(p12, &output)
        guard length > 0, let output else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        defer { CRYPTO_free(output, #fileID, #line) }
        let data = Data(bytes: output, count: Int(length))
        let temporary = path + ".part-\(UUID().uuidString)"
        do {
            try data.write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
            chmod(temporary, 0o600)
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw KeyStoreError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }
}
