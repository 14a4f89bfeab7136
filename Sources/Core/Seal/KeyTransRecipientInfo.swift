import SwiftASN1

/// A recipient whose RSA key transports the content-encryption key (RFC 5652 §6.2.1).
///
/// ```
/// KeyTransRecipientInfo ::= SEQUENCE {
///   version CMSVersion,  -- always set to 0 or 2
///   rid RecipientIdentifier,
///   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
///   encryptedKey EncryptedKey }
/// ```
/// The version is 0 when `rid` is an issuerAndSerialNumber, 2 when it is a subjectKeyIdentifier.
struct KeyTransRecipientInfo: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var recipient: RecipientIdentifier
    var keyEncryptionAlgorithm: SealAlgorithmIdentifier
    var encryptedKey: [UInt8]

    var version: Int {
        if case .subjectKeyIdentifier = recipient { return 2 }
        return 0
    }

    init(recipient: RecipientIdentifier, keyEncryptionAlgorithm: SealAlgorithmIdentifier, encryptedKey: [UInt8]) {
        self.recipient = recipient
        self.keyEncryptionAlgorithm = keyEncryptionAlgorithm
        self.encryptedKey = encryptedKey
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            _ = try Int(derEncoded: &nodes)
            guard let ridNode = nodes.next() else {
                throw SealError.notASealedPli("a KeyTransRecipientInfo has no recipient identifier")
            }
            let recipient = try RecipientIdentifier(derEncoded: ridNode, keyAgreement: false)
            let algorithm = try SealAlgorithmIdentifier(derEncoded: &nodes)
            let key = try ASN1OctetString(derEncoded: &nodes)
            return KeyTransRecipientInfo(
                recipient: recipient, keyEncryptionAlgorithm: algorithm, encryptedKey: Array(key.bytes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try recipient.serialize(into: &coder, keyAgreement: false)
            try coder.serialize(keyEncryptionAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: encryptedKey[...]))
        }
    }
}
