import SwiftASN1

/// GCMParameters (RFC 5084 §3.2), quoted on ``ContentEncryptionAlgorithm``.
struct GCMParameters: DERImplicitlyTaggable, Sendable, Equatable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var nonce: [UInt8]
    var tagLength: Int

    init(nonce: [UInt8], tagLength: Int) {
        self.nonce = nonce
        self.tagLength = tagLength
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let nonce = try ASN1OctetString(derEncoded: &nodes)
            let tagLength = try DER.decodeDefault(&nodes, defaultValue: 12)
            return GCMParameters(nonce: Array(nonce.bytes), tagLength: tagLength)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(ASN1OctetString(contentBytes: nonce[...]))
            if tagLength != 12 { try coder.serialize(tagLength) }
        }
    }
}
