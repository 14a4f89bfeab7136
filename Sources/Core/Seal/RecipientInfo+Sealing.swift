import COpenSSL
import CoreTokens
import Crypto
import SwiftASN1
import X509

extension RecipientInfo {
    /// The RecipientInfo that gives `certificate`'s holder the content-encryption key `cek`: RSA key
    /// transport with `padding`, or ECDH (P-256, P-384) with a fresh ephemeral key.
    static func sealing(
        _ cek: [UInt8], for certificate: Certificate, padding: RSAKeyTransportPadding,
        naming kind: RecipientIdentifierKind
    ) throws -> RecipientInfo {
        let rid = try RecipientIdentifier(certificate, kind: kind)
        if let key = P256.Signing.PublicKey(certificate.publicKey) {
            let peer = try P256.KeyAgreement.PublicKey(x963Representation: key.x963Representation)
            let ephemeral = P256.KeyAgreement.PrivateKey()
            let secret = try ephemeral.sharedSecretFromKeyAgreement(with: peer).withUnsafeBytes { Array($0) }
            return try keyAgreement(
                cek, secret: secret, point: Array(ephemeral.publicKey.x963Representation), curveBits: 256, rid: rid)
        }
        if let key = P384.Signing.PublicKey(certificate.publicKey) {
            let peer = try P384.KeyAgreement.PublicKey(x963Representation: key.x963Representation)
            let ephemeral = P384.KeyAgreement.PrivateKey()
            let secret = try ephemeral.sharedSecretFromKeyAgreement(with: peer).withUnsafeBytes { Array($0) }
            return try keyAgreement(
                cek, secret: secret, point: Array(ephemeral.publicKey.x963Representation), curveBits: 384, rid: rid)
        }
        var spki = DER.Serializer()
        try spki.serialize(certificate.publicKey)
        let encrypted = try rsaEncrypt(cek, spki: spki.serializedBytes, padding: padding)
        return .keyTransport(
            KeyTransRecipientInfo(
                recipient: rid, keyEncryptionAlgorithm: try padding.algorithmIdentifier(), encryptedKey: encrypted))
    }

    private static func keyAgreement(
        _ cek: [UInt8], secret: [UInt8], point: [UInt8], curveBits: Int, rid: RecipientIdentifier
    ) throws -> RecipientInfo {
        let scheme = KeyAgreementScheme(curveBits: curveBits)
        let kek = try scheme.keyEncryptionKey(sharedSecret: secret, userKeyingMaterial: nil)
        let wrapped = try AESKeyWrap.wrap(cek, kek: kek)
        return .keyAgreement(
            KeyAgreeRecipientInfo(
                originatorPoint: point, userKeyingMaterial: nil, keyEncryptionAlgorithm: try scheme.identifier(),
                recipientEncryptedKeys: [(recipient: rid, encryptedKey: wrapped)]))
    }

    /// Encrypts `cek` with the RSA public key in `spki` (a DER SubjectPublicKeyInfo).
    private static func rsaEncrypt(_ cek: [UInt8], spki: [UInt8], padding: RSAKeyTransportPadding) throws -> [UInt8] {
        let key: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else { throw SealError.unsupportedRecipient("its public key cannot be read") }
        defer { EVP_PKEY_free(key) }
        guard EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA else {
            throw SealError.unsupportedRecipient("its key is neither RSA nor EC P-256/P-384")
        }
        guard let context = EVP_PKEY_CTX_new(key, nil) else { throw SealError.cryptoFailure(openSSLErrors()) }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_encrypt_init(context) == 1 else { throw SealError.cryptoFailure(openSSLErrors()) }
        switch padding {
        case .pkcs1v15:
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_PADDING) == 1 else {
                throw SealError.cryptoFailure(openSSLErrors())
            }
        case .oaep(let hash, let mgfHash):
            guard EVP_PKEY_CTX_set_rsa_padding(context, RSA_PKCS1_OAEP_PADDING) == 1,
                EVP_PKEY_CTX_set_rsa_oaep_md(context, hash.sealDigest) == 1,
                EVP_PKEY_CTX_set_rsa_mgf1_md(context, mgfHash.sealDigest) == 1
            else { throw SealError.cryptoFailure(openSSLErrors()) }
        }
        var length = 0
        guard EVP_PKEY_encrypt(context, nil, &length, cek, cek.count) == 1 else {
            throw SealError.cryptoFailure(openSSLErrors())
        }
        var output = [UInt8](repeating: 0, count: length)
        guard EVP_PKEY_encrypt(context, &output, &length, cek, cek.count) == 1 else {
            throw SealError.cryptoFailure(openSSLErrors())
        }
        return Array(output.prefix(length))
    }
}

extension OAEPHash {
    var sealDigest: OpaquePointer? {
        switch self {
        case .sha1: EVP_sha1()
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }
}
