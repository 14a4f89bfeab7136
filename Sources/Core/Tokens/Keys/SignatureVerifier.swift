import COpenSSL
import SwiftASN1
import X509

/// Checks a signature over a digest with a certificate's public key: the counterpart of
/// ``SigningKey/sign(digest:digestAlgorithm:scheme:)``, with the same encodings (ECDSA as raw `r || s`,
/// or DER when `ecdsaDER` is set).
public enum SignatureVerifier {
    /// Whether `signature` is valid for `digest` under `publicKey`.
    public static func isValid(
        signature: [UInt8], digest: [UInt8], digestAlgorithm: DigestAlgorithm, scheme: SignatureScheme,
        publicKey: Certificate.PublicKey, ecdsaDER: Bool = false
    ) -> Bool {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(publicKey)) != nil else { return false }
        let spki = serializer.serializedBytes
        let key: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { return false }
        defer { EVP_PKEY_free(key) }
        var encoded = signature
        if scheme == .ecdsa, !ecdsaDER {
            guard let der = try? ECDSASignature.derFromRaw(signature) else { return false }
            encoded = der
        }
        guard let context = EVP_PKEY_CTX_new(key, nil) else { return false }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_verify_init(context) == 1,
            EVP_PKEY_CTX_set_signature_md(context, digestAlgorithm.openSSLDigest) == 1
        else { return false }
        switch scheme {
        case .rsaPKCS1v15:
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 else { return false }
        case .rsaPSS:
            // The salt length is read from the signature (RSA_PSS_SALTLEN_AUTO): signers differ.
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PSS_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_pss_saltlen(context, -2) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(context, digestAlgorithm.openSSLDigest) == 1
            else { return false }
        case .ecdsa: break
        }
        let result = EVP_PKEY_verify(context, encoded, encoded.count, digest, digest.count)
        ERR_clear_error()
        return result == 1
    }
}
