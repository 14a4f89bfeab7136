import COpenSSL
import Foundation
import X509

/// A signing key held in a file: a PKCS#12 (`.p12`/`.pfx`) protected by a passphrase, or a PKCS#8
/// private key with its certificate (for tests and servers).
public struct SoftwareSigningKey: SigningKey {
    public let certificate: Certificate
    public let chain: [Certificate]
    private let key: OpenSSLPrivateKey
    /// The OpenSSL key, for the decryption side of the same file.
    var privateKey: OpenSSLPrivateKey { key }

    public var keyType: KeyType { key.keyType }

    /// Opens a PKCS#12 file; a wrong passphrase throws ``KeyStoreError/wrongPassphrase(path:)``.
    public init(pkcs12 path: String, passphrase: String) throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw KeyStoreError.unreadableFile(path: path, reason: error.localizedDescription)
        }
        var keyPointer: OpaquePointer?
        var certificatePointer: OpaquePointer?
        var caStack: OpaquePointer?
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count))
            defer { BIO_free(bio) }
            guard let p12 = d2i_PKCS12_bio(bio, nil) else { return false }
            defer { PKCS12_free(p12) }
            return PKCS12_parse(p12, passphrase, &keyPointer, &certificatePointer, &caStack) == 1
        }
        guard parsed, let keyPointer, let certificatePointer else {
            let detail = openSSLErrors()
            if detail.contains("mac verify failure") || detail.contains("decrypt") {
                throw KeyStoreError.wrongPassphrase(path: path)
            }
            if let keyPointer { EVP_PKEY_free(keyPointer) }
            throw KeyStoreError.unreadableFile(path: path, reason: detail)
        }
        defer {
            X509_free(certificatePointer)
            if let caStack { OPENSSL_sk_pop_free(caStack, { X509_free(OpaquePointer($0)) }) }
        }
        key = OpenSSLPrivateKey(taking: keyPointer)
        certificate = try Certificate(derEncoded: try Self.der(of: certificatePointer))
        var others: [Certificate] = []
        if let caStack {
            for index in 0..<OPENSSL_sk_num(caStack) {
                let pointer = OpaquePointer(OPENSSL_sk_value(caStack, index))
                if let pointer { others.append(try Certificate(derEncoded: try Self.der(of: pointer))) }
            }
        }
        chain = others
    }

    /// A PKCS#8 private key (PEM or DER, unencrypted) with its certificate and chain (PEM or DER).
    public init(pkcs8 keyBytes: [UInt8], certificate: Certificate, chain: [Certificate] = []) throws {
        key = try OpenSSLPrivateKey(pkcs8: keyBytes)
        self.certificate = certificate
        self.chain = chain
    }

    public func sign(digest: [UInt8], digestAlgorithm: DigestAlgorithm, scheme: SignatureScheme) throws -> [UInt8] {
        try key.sign(digest: digest, digestAlgorithm: digestAlgorithm, scheme: scheme)
    }

    private static func der(of certificate: OpaquePointer) throws -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &output)
        guard length > 0, let output else { throw KeyStoreError.cryptoFailure(openSSLErrors()) }
        defer { CRYPTO_free(output, #fileID, #line) }
        return Array(UnsafeBufferPointer(start: output, count: Int(length)))
    }
}
