import SwiftASN1

/// The object identifiers of signed CMS (RFC 5652), CAdES (ETSI EN 319 122), ESS (RFC 2634, RFC 5035),
/// time-stamping (RFC 3161) and the signature algorithms (RFC 3279, RFC 4055, RFC 5758).
extension ASN1ObjectIdentifier {
    public enum CMS {
        /// id-data (RFC 5652 §4).
        public static let data: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 1]
        /// id-signedData (RFC 5652 §5.1).
        public static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 7, 2]
        /// id-ct-TSTInfo (RFC 3161 §2.4.2).
        public static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 1, 4]

        /// id-contentType, id-messageDigest, id-signingTime (RFC 5652 §11).
        public static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 3]
        public static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 4]
        public static let signingTime: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 5]
        /// id-aa-signingCertificate (RFC 2634 §5.4) and id-aa-signingCertificateV2 (RFC 5035 §3).
        public static let signingCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 12]
        public static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 47]
        /// id-aa-signatureTimeStampToken (RFC 3161 Appendix A).
        public static let signatureTimeStampToken: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 9, 16, 2, 14]

        /// rsaEncryption (RFC 8017 §A.1), used as the signature algorithm of PKCS #1 v1.5 signers.
        public static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 1]
        /// sha256/384/512WithRSAEncryption (RFC 4055 §5).
        public static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 11]
        public static let sha384WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 12]
        public static let sha512WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 13]
        /// id-RSASSA-PSS and id-mgf1 (RFC 4055 §3.1, §2.2).
        public static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 10]
        public static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113_549, 1, 1, 8]
        /// id-ecPublicKey (RFC 5480) and ecdsa-with-SHA256/384/512 (RFC 5758 §3.2).
        public static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
        public static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
        public static let ecdsaWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 3]
        public static let ecdsaWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 4]
        /// id-sha1, only to read ESS signing-certificate (v1) attributes.
        public static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
    }
}
