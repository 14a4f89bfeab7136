import SwiftASN1

/// The object identifiers a sealed pli names: content types (RFC 5652, RFC 5083), content ciphers
/// (RFC 3565, RFC 5084), key transport (RFC 8017, RFC 4055), key agreement (RFC 5753, SEC 1) and key wrap
/// (RFC 3394, RFC 3565).
extension ASN1ObjectIdentifier {
    enum Seal {
        /// id-data (RFC 5652 §4).
        static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
        /// id-envelopedData (RFC 5652 §6.1).
        static let envelopedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 3]
        /// id-ct-authEnvelopedData (RFC 5083 §1).
        static let authEnvelopedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 23]

        /// id-aes128-CBC, id-aes192-CBC, id-aes256-CBC (RFC 3565 §4.1).
        static let aes128CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 2]
        static let aes192CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 22]
        static let aes256CBC: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 42]
        /// id-aes128-GCM, id-aes192-GCM, id-aes256-GCM (RFC 5084 §3.2).
        static let aes128GCM: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 6]
        static let aes192GCM: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 26]
        static let aes256GCM: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 46]
        /// id-aes128-wrap, id-aes192-wrap, id-aes256-wrap (RFC 3565 §4.3).
        static let aes128Wrap: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 5]
        static let aes192Wrap: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 25]
        static let aes256Wrap: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 1, 45]

        /// rsaEncryption: RSAES-PKCS1-v1_5 key transport (RFC 8017 §A.1).
        static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
        /// id-RSAES-OAEP (RFC 8017 §A.2.1, RFC 4055 §4.1).
        static let rsaesOAEP: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 7]
        /// id-mgf1 (RFC 8017 §B.2.1).
        static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]
        /// id-pSpecified (RFC 8017 §A.2.1).
        static let pSpecified: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 9]

        /// The hashes: id-sha1 (RFC 3279), id-sha224, id-sha256, id-sha384, id-sha512 (RFC 5754).
        static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
        static let sha224: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 4]
        static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
        static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]
        static let sha512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 3]

        /// id-ecPublicKey (RFC 5480 §2.1.1).
        static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10_045, 2, 1]
        /// dhSinglePass-stdDH-sha1kdf-scheme (RFC 5753 §7.1.4, X9.63).
        static let stdDHSHA1KDF: ASN1ObjectIdentifier = [1, 3, 133, 16, 840, 63, 0, 2]
        /// dhSinglePass-cofactorDH-sha1kdf-scheme (RFC 5753 §7.1.4, X9.63).
        static let cofactorDHSHA1KDF: ASN1ObjectIdentifier = [1, 3, 133, 16, 840, 63, 0, 3]
        /// dhSinglePass-stdDH-sha224kdf-scheme … sha512kdf-scheme (RFC 5753 §7.1.4, SEC 1).
        static let stdDHSHA224KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 11, 0]
        static let stdDHSHA256KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 11, 1]
        static let stdDHSHA384KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 11, 2]
        static let stdDHSHA512KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 11, 3]
        /// dhSinglePass-cofactorDH-sha224kdf-scheme … sha512kdf-scheme (RFC 5753 §7.1.4, SEC 1).
        static let cofactorDHSHA224KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 14, 0]
        static let cofactorDHSHA256KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 14, 1]
        static let cofactorDHSHA384KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 14, 2]
        static let cofactorDHSHA512KDF: ASN1ObjectIdentifier = [1, 3, 132, 1, 14, 3]
    }
}
