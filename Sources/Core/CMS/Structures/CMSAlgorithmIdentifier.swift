import SwiftASN1

/// An algorithm and its parameters (RFC 5280 §4.1.1.2).
///
/// ```
/// AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }
/// ```
public struct CMSAlgorithmIdentifier: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    public var algorithm: ASN1ObjectIdentifier
    public var parameters: ASN1Any?

    public init(algorithm: ASN1ObjectIdentifier, parameters: ASN1Any? = nil) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let parameters = nodes.next().map { ASN1Any(derEncoded: $0) }
            return CMSAlgorithmIdentifier(algorithm: algorithm, parameters: parameters)
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(algorithm)
            if let parameters { try coder.serialize(parameters) }
        }
    }

    /// A digest algorithm identifier with absent parameters (RFC 5754 §2).
    static func digest(_ algorithm: ASN1ObjectIdentifier) -> CMSAlgorithmIdentifier {
        CMSAlgorithmIdentifier(algorithm: algorithm)
    }
}
