import Crypto
import Foundation
import SwiftASN1
import X509

/// Issues the self-signed encryption certificate of a new bi-key.
enum EncryptionCertificate {
    /// A self-signed certificate for `request.commonName`: keyEncipherment (RSA) or keyAgreement (EC),
    /// not a CA, valid from now for `request.validityDays` days.
    static func issue(for request: BiKeyRequest, signer: DigestSigner, now: Date = Date()) async throws -> Certificate {
        guard !request.commonName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw KeyStoreError.cryptoFailure("the bi-key needs a name (CN)")
        }
        guard (1...3650).contains(request.validityDays) else {
            throw KeyStoreError.cryptoFailure("the validity must be between 1 and 3650 days")
        }
        let name = try DistinguishedName { CommonName(request.commonName) }
        let usage: KeyUsage
        if case .ec = signer.keyType {
            usage = KeyUsage(keyAgreement: true)
        } else {
            usage = KeyUsage(keyEncipherment: true, dataEncipherment: true)
        }
        var publicKeyDER = DER.Serializer()
        try publicKeyDER.serialize(signer.publicKey)
        let keyIdentifier = Array(Insecure.SHA1.hash(data: publicKeyDER.serializedBytes))
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(usage)
            SubjectKeyIdentifier(keyIdentifier: keyIdentifier[...])
        }
        return try await Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: signer.publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(TimeInterval(request.validityDays) * 86_400),
            issuer: name, subject: name, signatureAlgorithm: signer.defaultSignatureAlgorithm,
            extensions: extensions, issuerAsyncPrivateKey: Certificate.PrivateKey(signer))
    }
}
