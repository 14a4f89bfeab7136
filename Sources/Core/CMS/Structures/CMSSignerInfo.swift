import SwiftASN1

/// One signer of a SignedData (RFC 5652 §5.3).
///
/// ```
/// SignerInfo ::= SEQUENCE {
///   version CMSVersion, sid SignerIdentifier, digestAlgorithm DigestAlgorithmIdentifier,
///   signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
///   signatureAlgorithm SignatureAlgorithmIdentifier, signature SignatureValue,
///   unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }
/// ```
public struct CMSSignerInfo: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }
    static let signedAttributesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    static let unsignedAttributesTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)

    public var version: Int
    public var signer: CMSSignerIdentifier
    public var digestAlgorithm: CMSAlgorithmIdentifier
    public var signedAttributes: [CMSAttribute]?
    /// The signed attributes exactly as they were received, re-tagged as a SET: what the signature
    /// covers (RFC 5652 §5.4). Built from ``signedAttributes`` for a new SignerInfo.
    public var signedAttributesDER: [UInt8]?
    public var signatureAlgorithm: CMSAlgorithmIdentifier
    public var signature: [UInt8]
    public var unsignedAttributes: [CMSAttribute]?

    public init(
        signer: CMSSignerIdentifier, digestAlgorithm: CMSAlgorithmIdentifier, signedAttributes: [CMSAttribute]?,
        signatureAlgorithm: CMSAlgorithmIdentifier, signature: [UInt8], unsignedAttributes: [CMSAttribute]? = nil
    ) throws {
        if case .subjectKeyIdentifier = signer { version = 3 } else { version = 1 }
        self.signer = signer
        self.digestAlgorithm = digestAlgorithm
        self.signedAttributes = signedAttributes
        self.signedAttributesDER = try signedAttributes.map { try Self.encodeAsSet($0) }
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.unsignedAttributes = unsignedAttributes
    }

    /// The DER SET OF the attributes (sorted, as DER requires): the bytes a signature covers.
    static func encodeAsSet(_ attributes: [CMSAttribute]) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serializeSetOf(attributes)
        return coder.serializedBytes
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard let signerNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no sid") }
            let signer = try CMSSignerIdentifier(derEncoded: signerNode)
            let digestAlgorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            var next = nodes.next()
            var signedAttributes: [CMSAttribute]?
            var signedAttributesDER: [UInt8]?
            if let node = next, node.identifier == Self.signedAttributesTag {
                guard case .constructed(let children) = node.content else {
                    throw ASN1Error.invalidASN1Object(reason: "signedAttrs is not constructed")
                }
                signedAttributes = try children.map { try CMSAttribute(derEncoded: $0) }
                // The signature covers the DER encoding with the SET tag (RFC 5652 §5.4).
                var raw = Array(node.encodedBytes)
                raw[0] = 0x31
                signedAttributesDER = raw
                next = nodes.next()
            }
            guard let algorithmNode = next else { throw ASN1Error.invalidASN1Object(reason: "no signatureAlgorithm") }
            let signatureAlgorithm = try CMSAlgorithmIdentifier(derEncoded: algorithmNode)
            let signature = try ASN1OctetString(derEncoded: &nodes)
            var unsignedAttributes: [CMSAttribute]?
            if let node = nodes.next() {
                guard node.identifier == Self.unsignedAttributesTag, case .constructed(let children) = node.content
                else {
                    throw ASN1Error.invalidASN1Object(reason: "unexpected field after the signature")
                }
                unsignedAttributes = try children.map { try CMSAttribute(derEncoded: $0) }
            }
            var info = try CMSSignerInfo(
                signer: signer, digestAlgorithm: digestAlgorithm, signedAttributes: nil,
                signatureAlgorithm: signatureAlgorithm, signature: Array(signature.bytes),
                unsignedAttributes: unsignedAttributes)
            info.version = version
            info.signedAttributes = signedAttributes
            info.signedAttributesDER = signedAttributesDER
            return info
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(version)
            try coder.serialize(signer)
            try coder.serialize(digestAlgorithm)
            if let signedAttributesDER {
                var tagged = signedAttributesDER
                tagged[0] = 0xA0
                coder.serializeRawBytes(tagged)
            }
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(signature)))
            if let unsignedAttributes, !unsignedAttributes.isEmpty {
                try coder.serializeSetOf(unsignedAttributes, identifier: Self.unsignedAttributesTag)
            }
        }
    }
}
