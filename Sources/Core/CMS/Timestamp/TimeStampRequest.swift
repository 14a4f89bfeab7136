import CoreTokens
import SwiftASN1

/// An RFC 3161 time-stamp request (§2.4.1).
///
/// ```
/// TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
///   reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
///   extensions [0] IMPLICIT Extensions OPTIONAL }
/// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
/// ```
struct TimeStampRequest {
    let imprint: MessageImprint
    let nonce: [UInt8]

    func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try coder.serialize(imprint)
            try coder.serialize(ArraySlice(nonce))
            try coder.serialize(true)
        }
        return coder.serializedBytes
    }
}

/// What a time-stamp vouches for: the hash of some data (RFC 3161 §2.4.1).
public struct MessageImprint: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }
    public let algorithm: ASN1ObjectIdentifier
    public let hash: [UInt8]

    public init(algorithm: DigestAlgorithm, hash: [UInt8]) {
        self.algorithm = algorithm.oid
        self.hash = hash
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            let hash = try ASN1OctetString(derEncoded: &nodes)
            guard let digest = DigestAlgorithm(oid: algorithm.algorithm) else {
                throw CMSError.unsupportedAlgorithm("time-stamp imprint with \(algorithm.algorithm)")
            }
            return MessageImprint(algorithm: digest, hash: Array(hash.bytes))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(CMSAlgorithmIdentifier(algorithm: algorithm))
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(hash)))
        }
    }
}
