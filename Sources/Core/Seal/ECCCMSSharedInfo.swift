import SwiftASN1

/// The SharedInfo of the X9.63 KDF for ECDH recipients (RFC 5753 §7.2).
///
/// ```
/// ECC-CMS-SharedInfo ::= SEQUENCE {
///   keyInfo         AlgorithmIdentifier,
///   entityUInfo [0] EXPLICIT OCTET STRING OPTIONAL,
///   suppPubInfo [2] EXPLICIT OCTET STRING   }
/// ```
/// `keyInfo` is the key wrap algorithm, `entityUInfo` the ukm when present, and `suppPubInfo` the
/// key-encryption key's length in bits as a 32-bit big-endian integer.
struct ECCCMSSharedInfo: DERImplicitlyTaggable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var keyInfo: SealAlgorithmIdentifier
    var entityUInfo: [UInt8]?
    var keyLengthInBits: UInt32

    init(keyInfo: SealAlgorithmIdentifier, entityUInfo: [UInt8]?, keyLengthInBits: UInt32) {
        self.keyInfo = keyInfo
        self.entityUInfo = entityUInfo
        self.keyLengthInBits = keyLengthInBits
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let keyInfo = try SealAlgorithmIdentifier(derEncoded: &nodes)
            let entity = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                Array(try ASN1OctetString(derEncoded: $0).bytes)
            }
            let supp = try DER.explicitlyTagged(&nodes, tagNumber: 2, tagClass: .contextSpecific) {
                Array(try ASN1OctetString(derEncoded: $0).bytes)
            }
            guard supp.count == 4 else { throw SealError.notASealedPli("suppPubInfo is not 4 bytes") }
            let bits = supp.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            return ECCCMSSharedInfo(keyInfo: keyInfo, entityUInfo: entity, keyLengthInBits: bits)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(keyInfo)
            if let entityUInfo {
                try coder.serialize(
                    ASN1OctetString(contentBytes: entityUInfo[...]), explicitlyTaggedWithTagNumber: 0,
                    tagClass: .contextSpecific)
            }
            let bits = withUnsafeBytes(of: keyLengthInBits.bigEndian) { Array($0) }
            try coder.serialize(
                ASN1OctetString(contentBytes: bits[...]), explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific)
        }
    }

    /// The DER encoding, as the KDF takes it.
    func derBytes() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(self)
        return coder.serializedBytes
    }
}
