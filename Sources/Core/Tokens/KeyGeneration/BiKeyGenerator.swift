import CP11Kit
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Generates encryption bi-keys ("Création et ajout de bi-clé"): the private key is created where it
/// will live (on the token, non-extractable; or in a new PKCS#12), and a self-signed encryption
/// certificate is issued for it and stored beside it.
public enum BiKeyGenerator {
    /// Generates the key pair on the token of `session` (logged in, read-write), stores the certificate
    /// with the same CKA_ID and `label`, and returns the certificate. Nothing is left on the token if a
    /// step fails.
    public static func onToken(_ request: BiKeyRequest, session: P11Session, label: String) async throws -> Certificate
    {
        let id = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let common: [P11Attribute] = [
            .bool(CK_ATTRIBUTE_TYPE(CKA_TOKEN), true), .id(id), .label(label),
        ]
        var publicTemplate = common + [.bool(CK_ATTRIBUTE_TYPE(CKA_VERIFY), true)]
        var privateTemplate =
            common + [
                .bool(CK_ATTRIBUTE_TYPE(CKA_PRIVATE), true), .bool(CK_ATTRIBUTE_TYPE(CKA_SENSITIVE), true),
                .bool(CK_ATTRIBUTE_TYPE(CKA_EXTRACTABLE), false), .bool(CK_ATTRIBUTE_TYPE(CKA_SIGN), true),
            ]
        let mechanism: CK_MECHANISM_TYPE
        switch request.algorithm.keyType {
        case .rsa(let bits):
            mechanism = CK_MECHANISM_TYPE(CKM_RSA_PKCS_KEY_PAIR_GEN)
            publicTemplate += [
                .ulong(CK_ATTRIBUTE_TYPE(CKA_MODULUS_BITS), CK_ULONG(bits)),
                .init(type: CK_ATTRIBUTE_TYPE(CKA_PUBLIC_EXPONENT), value: [0x01, 0x00, 0x01]),
                .bool(CK_ATTRIBUTE_TYPE(CKA_ENCRYPT), true), .bool(CK_ATTRIBUTE_TYPE(CKA_WRAP), true),
            ]
            privateTemplate += [
                .bool(CK_ATTRIBUTE_TYPE(CKA_DECRYPT), true), .bool(CK_ATTRIBUTE_TYPE(CKA_UNWRAP), true),
            ]
        default:
            mechanism = CK_MECHANISM_TYPE(CKM_EC_KEY_PAIR_GEN)
            // DER of the named curve prime256v1 (1.2.840.10045.3.1.7).
            publicTemplate += [
                .init(
                    type: CK_ATTRIBUTE_TYPE(CKA_EC_PARAMS),
                    value: [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07])
            ]
            privateTemplate += [.bool(CK_ATTRIBUTE_TYPE(CKA_DERIVE), true)]
        }
        let keys = try session.generateKeyPair(
            mechanism: mechanism, publicTemplate: publicTemplate, privateTemplate: privateTemplate)
        do {
            let publicKey = try readPublicKey(keys.publicKey, session: session, keyType: request.algorithm.keyType)
            let keyType = request.algorithm.keyType
            let signer = DigestSigner(publicKey: publicKey, keyType: keyType) { digest in
                if case .ec = keyType {
                    return try session.sign(digest, key: keys.privateKey, mechanism: CK_MECHANISM_TYPE(CKM_ECDSA))
                }
                return try session.sign(
                    DigestAlgorithm.sha256.digestInfoPrefix + digest, key: keys.privateKey,
                    mechanism: CK_MECHANISM_TYPE(CKM_RSA_PKCS))
            }
            let certificate = try await EncryptionCertificate.issue(for: request, signer: signer)
            var der = DER.Serializer()
            try der.serialize(certificate)
            var subject = DER.Serializer()
            try subject.serialize(certificate.subject)
            try session.createObject(
                common + [
                    .objectClass(CK_OBJECT_CLASS(CKO_CERTIFICATE)),
                    .ulong(CK_ATTRIBUTE_TYPE(CKA_CERTIFICATE_TYPE), CK_ULONG(CKC_X_509)),
                    .init(type: CK_ATTRIBUTE_TYPE(CKA_VALUE), value: der.serializedBytes),
                    .init(type: CK_ATTRIBUTE_TYPE(CKA_SUBJECT), value: subject.serializedBytes),
                    .init(type: CK_ATTRIBUTE_TYPE(CKA_ISSUER), value: subject.serializedBytes),
                ])
            return certificate
        } catch {
            session.destroyObject(keys.privateKey)
            session.destroyObject(keys.publicKey)
            throw error
        }
    }

    /// The public key of a generated pair, as a certificate public key.
    private static func readPublicKey(
        _ object: CK_OBJECT_HANDLE, session: P11Session, keyType: KeyType
    ) throws -> Certificate.PublicKey {
        if case .rsa = keyType {
            guard let modulus = try session.attribute(CK_ATTRIBUTE_TYPE(CKA_MODULUS), of: object),
                let exponent = try session.attribute(CK_ATTRIBUTE_TYPE(CKA_PUBLIC_EXPONENT), of: object)
            else { throw KeyStoreError.cryptoFailure("the token did not give the new RSA public key") }
            return Certificate.PublicKey(try _RSA.Signing.PublicKey(n: modulus, e: exponent))
        }
        guard let encodedPoint = try session.attribute(CK_ATTRIBUTE_TYPE(CKA_EC_POINT), of: object) else {
            throw KeyStoreError.cryptoFailure("the token did not give the new EC public key")
        }
        // CKA_EC_POINT is the DER OCTET STRING holding the point (some tokens give the bare point).
        let point: [UInt8]
        if encodedPoint.first == 0x04, encodedPoint.count == 65 {
            point = encodedPoint
        } else {
            point = Array(try ASN1OctetString(derEncoded: encodedPoint).bytes)
        }
        return Certificate.PublicKey(try P256.Signing.PublicKey(x963Representation: point))
    }
}
