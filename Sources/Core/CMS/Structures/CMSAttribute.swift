import SwiftASN1

/// A signed or unsigned attribute of a SignerInfo (RFC 5652 §5.3).
///
/// ```
/// Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }
/// ```
public struct CMSAttribute: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public var type: ASN1ObjectIdentifier
    public var values: [ASN1Any]

    public init(type: ASN1ObjectIdentifier, values: [ASN1Any]) {
        self.type = type
        self.values = values
    }

    /// An attribute with one value.
    public init(type: ASN1ObjectIdentifier, value: some DERSerializable) throws {
        self.type = type
        self.values = [try ASN1Any(erasing: value)]
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let set = nodes.next(), set.identifier == .set, case .constructed(let children) = set.content else {
                throw ASN1Error.invalidASN1Object(reason: "attribute values are not a SET")
            }
            return CMSAttribute(type: type, values: children.map { ASN1Any(derEncoded: $0) })
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(type)
            try coder.serializeSetOf(values)
        }
    }
}

extension Array where Element == CMSAttribute {
    /// The single value of the attribute of `type`, when present exactly once with one value.
    func single(_ type: ASN1ObjectIdentifier) throws -> ASN1Any? {
        let matches = filter { $0.type == type }
        guard !matches.isEmpty else { return nil }
        guard matches.count == 1, matches[0].values.count == 1 else {
            throw CMSError.malformed("the attribute \(type) must appear once with one value")
        }
        return matches[0].values[0]
    }
}
