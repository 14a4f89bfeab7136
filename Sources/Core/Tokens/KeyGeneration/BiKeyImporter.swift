import COpenSSL
import CP11Kit
import Foundation
import SwiftASN1
import X509

/// Puts a software bi-key (a PKCS#12 backup, "importer un bi-clé") on a PKCS#11 token: the private key
/// becomes a sensitive, non-extractable token object and its certificate is stored beside it.
public enum BiKeyImporter {
    /// Copies `key` onto the token of `session` (logged in, read-write) under `label` and a fresh CKA_ID,
    /// and returns that CKA_ID. Nothing is left on the token if a step fails.
    public static func importing(_ key: SoftwareSigningKey, into session: P11Session, label: String) throws -> [UInt8] {
        let id = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let common: [P11Attribute] = [.bool(CK_ATTRIBUTE_TYPE(CKA_TOKEN), true), .id(id), .label(label)]
        var template =
            common + [
                .objectClass(CK_OBJECT_CLASS(CKO_PRIVATE_KEY)), .bool(CK_ATTRIBUTE_TYPE(CKA_PRIVATE), true),
                .bool(CK_ATTRIBUTE_TYPE(CKA_SENSITIVE), true), .bool(CK_ATTRIBUTE_TYPE(CKA_EXTRACTABLE), false),
            ]
        let pointer = key.privateKey.pointer
        switch key.privateKey.keyType {
        case .rsa:
            template += [
                .ulong(CK_ATTRIBUTE_TYPE(CKA_KEY_TYPE), CK_ULONG(CKK_RSA)),
                .bool(CK_ATTRIBUTE_TYPE(CKA_DECRYPT), true), .bool(CK_ATTRIBUTE_TYPE(CKA_UNWRAP), true),
            ]
            let components: [(CK_ATTRIBUTE_TYPE, String)] = [
                (CK_ATTRIBUTE_TYPE(CKA_MODULUS), "n"), (CK_ATTRIBUTE_TYPE(CKA_PUBLIC_EXPONENT), "e"),
                (CK_ATTRIBUTE_TYPE(CKA_PRIVATE_EXPONENT), "d"), (CK_ATTRIBUTE_TYPE(CKA_PRIME_1), "rsa-factor1"),
                (CK_ATTRIBUTE_TYPE(CKA_PRIME_2), "rsa-factor2"), (CK_ATTRIBUTE_TYPE(CKA_EXPONENT_1), "rsa-exponent1"),
                (CK_ATTRIBUTE_TYPE(CKA_EXPONENT_2), "rsa-exponent2"),
                (CK_ATTRIBUTE_TYPE(CKA_COEFFICIENT), "rsa-coefficient1"),
            ]
            for (type, name) in components {
                template.append(.init(type: type, value: try bigNumber(name, of: pointer, length: nil)))
            }
        case .ec(let curve):
            guard let named = NamedCurve(openSSLName: curve) else {
                throw KeyStoreError.cryptoFailure("the curve \(curve) cannot go on a token; use P-256 or P-384")
            }
            template += [
                .ulong(CK_ATTRIBUTE_TYPE(CKA_KEY_TYPE), CK_ULONG(CKK_EC)),
                .bool(CK_ATTRIBUTE_TYPE(CKA_DERIVE), true),
                .init(type: CK_ATTRIBUTE_TYPE(CKA_EC_PARAMS), value: named.parametersDER),
                .init(
                    type: CK_ATTRIBUTE_TYPE(CKA_VALUE), value: try bigNumber("priv", of: pointer, length: named.length)),
            ]
        case .other(let name):
            throw KeyStoreError.cryptoFailure("a \(name) key cannot go on a token")
        }
        let privateKey = try session.createObject(template)
        do {
            var der = DER.Serializer()
            try der.serialize(key.certificate)
            var subject = DER.Serializer()
            try subject.serialize(key.certificate.subject)
            var issuer = DER.Serializer()
            try issuer.serialize(key.certificate.issuer)
            try session.createObject(
                common + [
                    .objectClass(CK_OBJECT_CLASS(CKO_CERTIFICATE)),
                    .ulong(CK_ATTRIBUTE_TYPE(CKA_CERTIFICATE_TYPE), CK_ULONG(CKC_X_509)),
                    .init(type: CK_ATTRIBUTE_TYPE(CKA_VALUE), value: der.serializedBytes),
                    .init(type: CK_ATTRIBUTE_TYPE(CKA_SUBJECT), value: subject.serializedBytes),
                    .init(type: CK_ATTRIBUTE_TYPE(CKA_ISSUER), value: issuer.serializedBytes),
                ])
        } catch {
            session.destroyObject(privateKey)
            throw error
        }
        return id
    }

    /// A big-endian key component read from OpenSSL (`n`, `d`, `priv`…), left-padded to `length`.
    private static func bigNumber(_ name: String, of key: OpaquePointer, length: Int?) throws -> [UInt8] {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(key, name, &number) == 1, let number else {
            throw KeyStoreError.cryptoFailure("the key has no component \(name): \(openSSLErrors())")
        }
        defer { BN_clear_free(number) }
        let size = Int((BN_num_bits(number) + 7) / 8)
        var bytes = [UInt8](repeating: 0, count: max(size, length ?? 0))
        guard BN_bn2binpad(number, &bytes, Int32(bytes.count)) == Int32(bytes.count) else {
            throw KeyStoreError.cryptoFailure(openSSLErrors())
        }
        return bytes
    }
}

/// The elliptic curves a bi-key may use, with their PKCS#11 parameters.
private enum NamedCurve {
    case p256, p384

    init?(openSSLName name: String) {
        switch name.lowercased() {
        case "prime256v1", "p-256", "secp256r1": self = .p256
        case "secp384r1", "p-384": self = .p384
        default: return nil
        }
    }

    /// DER of the curve's object identifier (CKA_EC_PARAMS as a namedCurve).
    var parametersDER: [UInt8] {
        switch self {
        case .p256: [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
        case .p384: [0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22]
        }
    }

    /// The byte length of a private scalar.
    var length: Int { self == .p256 ? 32 : 48 }
}
