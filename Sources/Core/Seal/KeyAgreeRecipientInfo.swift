import SwiftASN1

/// Recipients whose EC keys agree on a key-encryption key with the originator's ephemeral key
/// (RFC 5652 §6.2.2, RFC 5753 §3.1).
///
/// ```
/// KeyAgreeRecipientInfo ::= SEQUENCE {
///   version CMSVersion,  -- always set to 3
///   originator [0] EXPLICIT OriginatorIdentifierOrKey,
///   ukm [1] EXPLICIT UserKeyingMaterial OPTIONAL,
///   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
///   recipientEncryptedKeys RecipientEncryptedKeys }
///
/// OriginatorIdentifierOrKey ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier,
///   originatorKey [1] OriginatorPublicKey }
///
/// OriginatorPublicKey ::= SEQUENCE {
///   algorithm AlgorithmIdentifier,
///   publicKey BIT STRING }
///
/// RecipientEncryptedKeys ::= SEQUENCE OF RecipientEncryptedKey
///
/// RecipientEncryptedKey ::= SEQUENCE {
///   rid KeyAgreeRecipientIdentifier,
///   encryptedKey EncryptedKey }
/// ```
/// The keyEncryptionAlgorithm is a dhSinglePass scheme whose parameters are the key wrap algorithm
/// (RFC 5753 §7.1.5). Only an ephemeral originatorKey is supported (RFC 5753 §3.1.1).
struct KeyAgreeRecipientInfo: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific) }

    /// The originator's ephemeral public point, uncompressed (`04 || X || Y`).
    var originatorPoint: [UInt8]
    var userKeyingMaterial: [UInt8]?
    var keyEncryptionAlgorithm: SealAlgorithmIdentifier
    var recipientEncryptedKeys: [(recipient: RecipientIdentifier, encryptedKey: [UInt8])]

    init(
        originatorPoint: [UInt8], userKeyingMaterial: [UInt8]?, keyEncryptionAlgorithm: SealAlgorithmIdentifier,
        recipientEncryptedKeys: [(recipient: RecipientIdentifier, encryptedKey: [UInt8])]
    ) {
        self.originatorPoint = originatorPoint
        self.userKeyingMaterial = userKeyingMaterial
        self.keyEncryptionAlgorithm = keyEncryptionAlgorithm
        self.recipientEncryptedKeys = recipientEncryptedKeys
    }

    private static let originatorKeyTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            _ = try Int(derEncoded: &nodes)
            let point = try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                guard node.identifier == Self.originatorKeyTag else {
                    throw SealError.unsupportedAlgorithm("key agreement with a static originator key")
                }
                return try DER.sequence(node, identifier: Self.originatorKeyTag) { nodes in
                    let algorithm = try SealAlgorithmIdentifier(derEncoded: &nodes)
                    guard algorithm.algorithm == .Seal.ecPublicKey else {
                        throw SealError.unsupportedAlgorithm("originator key \(algorithm.algorithm)")
                    }
                    return Array(try ASN1BitString(derEncoded: &nodes).bytes)
                }
            }
            let ukm = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { node in
                Array(try ASN1OctetString(derEncoded: node).bytes)
            }
            let algorithm = try SealAlgorithmIdentifier(derEncoded: &nodes)
            guard let keysNode = nodes.next() else {
                throw SealError.notASealedPli("a KeyAgreeRecipientInfo has no recipientEncryptedKeys")
            }
            let keys = try DER.sequence(keysNode, identifier: .sequence) { keyNodes in
                var keys: [(recipient: RecipientIdentifier, encryptedKey: [UInt8])] = []
                while let node = keyNodes.next() {
                    keys.append(try Self.recipientEncryptedKey(node))
                }
                return keys
            }
            return KeyAgreeRecipientInfo(
                originatorPoint: point, userKeyingMaterial: ukm, keyEncryptionAlgorithm: algorithm,
                recipientEncryptedKeys: keys)
        }
    }

    private static func recipientEncryptedKey(
        _ node: ASN1Node
    ) throws -> (recipient: RecipientIdentifier, encryptedKey: [UInt8]) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            guard let ridNode = nodes.next() else {
                throw SealError.notASealedPli("a RecipientEncryptedKey has no recipient identifier")
            }
            let rid = try RecipientIdentifier(derEncoded: ridNode, keyAgreement: true)
            return (recipient: rid, encryptedKey: Array(try ASN1OctetString(derEncoded: &nodes).bytes))
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(3)
            try coder.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                coder in
                try coder.appendConstructedNode(identifier: Self.originatorKeyTag) { coder in
                    try coder.serialize(SealAlgorithmIdentifier(algorithm: .Seal.ecPublicKey))
                    try coder.serialize(ASN1BitString(bytes: originatorPoint[...]))
                }
            }
            if let userKeyingMaterial {
                try coder.serialize(
                    ASN1OctetString(contentBytes: userKeyingMaterial[...]), explicitlyTaggedWithTagNumber: 1,
                    tagClass: .contextSpecific)
            }
            try coder.serialize(keyEncryptionAlgorithm)
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for entry in recipientEncryptedKeys {
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try entry.recipient.serialize(into: &coder, keyAgreement: true)
                        try coder.serialize(ASN1OctetString(contentBytes: entry.encryptedKey[...]))
                    }
                }
            }
        }
    }
}
