import CoreTokens
import X509

extension RecipientInfo {
    /// Whether this RecipientInfo serves `certificate`.
    func serves(_ certificate: Certificate) -> Bool {
        switch self {
        case .keyTransport(let info): info.recipient.names(certificate)
        case .keyAgreement(let info): info.recipientEncryptedKeys.contains { $0.recipient.names(certificate) }
        case .other: false
        }
    }

    /// The content-encryption key, recovered with `key` (whose certificate this RecipientInfo serves):
    /// RSA decryption with the padding the keyEncryptionAlgorithm names, or ECDH + X9.63 KDF + AES unwrap.
    func contentEncryptionKey(with key: any DecryptionKey) throws -> [UInt8] {
        switch self {
        case .keyTransport(let info):
            let padding = try RSAKeyTransportPadding(info.keyEncryptionAlgorithm)
            do {
                return try key.decryptKey(info.encryptedKey, padding: padding)
            } catch let error as SealError {
                throw error
            } catch {
                throw SealError.keyRecoveryFailed("RSA decryption failed: \(error)")
            }
        case .keyAgreement(let info):
            guard let entry = info.recipientEncryptedKeys.first(where: { $0.recipient.names(key.certificate) }) else {
                throw SealError.keyRecoveryFailed("no encrypted key for this certificate")
            }
            let scheme = try KeyAgreementScheme(info.keyEncryptionAlgorithm)
            let secret: [UInt8]
            do {
                secret = try key.sharedSecret(withPeerPoint: info.originatorPoint)
            } catch {
                throw SealError.keyRecoveryFailed("key agreement failed: \(error)")
            }
            let kek = try scheme.keyEncryptionKey(sharedSecret: secret, userKeyingMaterial: info.userKeyingMaterial)
            return try AESKeyWrap.unwrap(entry.encryptedKey, kek: kek)
        case .other:
            throw SealError.unsupportedAlgorithm("a password or key-encryption-key recipient")
        }
    }

    /// The content-encryption key from the RecipientInfo of `infos` serving one of `keys` (tried in order).
    static func contentEncryptionKey(_ infos: [RecipientInfo], keys: [any DecryptionKey]) throws -> [UInt8] {
        for key in keys {
            if let info = infos.first(where: { $0.serves(key.certificate) }) {
                return try info.contentEncryptionKey(with: key)
            }
        }
        let own = keys.map {
            RecipientIdentifier.issuerAndSerialNumber(
                issuer: $0.certificate.issuer, serial: $0.certificate.serialNumber
            )
            .readable
        }
        throw SealError.notSealedForKey(
            key: own.isEmpty ? "no key" : own.joined(separator: "; "), recipients: infos.flatMap(\.readableRecipients))
    }
}
