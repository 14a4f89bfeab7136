import COpenSSL
import SwiftASN1
import X509

extension KeyType {
    /// The type and size of a certificate's public key.
    public init(publicKey: Certificate.PublicKey) {
        var serializer = DER.Serializer()
        guard (try? serializer.serialize(publicKey)) != nil else {
            self = .other("unknown")
            return
        }
        let spki = serializer.serializedBytes
        let key: OpaquePointer? = spki.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let key else {
            self = .other("unknown")
            return
        }
        defer { EVP_PKEY_free(key) }
        self.init(evpKey: key)
    }

    /// The type and size of an OpenSSL key.
    init(evpKey key: OpaquePointer) {
        switch EVP_PKEY_get_base_id(key) {
        case EVP_PKEY_RSA, EVP_PKEY_RSA_PSS:
            self = .rsa(bits: Int(EVP_PKEY_get_bits(key)))
        case EVP_PKEY_EC:
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            EVP_PKEY_get_group_name(key, &name, name.count, &length)
            let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            self = .ec(curve: ["prime256v1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"][group] ?? group)
        default:
            self = .other(String(cString: OBJ_nid2sn(EVP_PKEY_get_base_id(key))))
        }
    }
}
