import CoreTokens
import Crypto
import Foundation
import X509

/// Self-signed encryption certificates for the key tests, made in process.
package enum EncryptionCertificate {
    /// A P-256 certificate for key agreement, valid from yesterday for `days` (negative: already expired).
    package static func make(commonName: String, days: Int = 365, keyUsage: KeyUsage = KeyUsage(keyAgreement: true))
        throws -> String
    {
        try make(commonName: commonName, key: P256.Signing.PrivateKey(), days: days, keyUsage: keyUsage)
    }

    /// A P-256 certificate for key agreement and its private key, able to open what is sealed for it.
    package static func makeWithKey(commonName: String) throws -> (pem: String, key: SoftwareDecryptionKey) {
        let key = P256.Signing.PrivateKey()
        let pem = try make(commonName: commonName, key: key)
        let signing = try SoftwareSigningKey(
            pkcs8: Array(key.derRepresentation), certificate: try Certificate(pemEncoded: pem))
        return (pem, SoftwareDecryptionKey(signing))
    }

    private static func make(
        commonName: String, key: P256.Signing.PrivateKey, days: Int = 365,
        keyUsage: KeyUsage = KeyUsage(keyAgreement: true)
    ) throws -> String {
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-86_400 * Double(max(1, -days + 1))),
            notValidAfter: now.addingTimeInterval(86_400 * Double(days)), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions { keyUsage },
            issuerPrivateKey: .init(key))
        return try certificate.serializeAsPEM().pemString
    }
}
