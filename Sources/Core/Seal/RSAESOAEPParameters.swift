import CoreTokens
import SwiftASN1

/// The parameters of id-RSAES-OAEP (RFC 8017 §A.2.1, RFC 4055 §4.1), mapped to the hash and MGF1 hash
/// ``RSAKeyTransportPadding`` names.
///
/// ```
/// RSAES-OAEP-params ::= SEQUENCE {
///   hashAlgorithm      [0] HashAlgorithm     DEFAULT sha1,
///   maskGenAlgorithm   [1] MaskGenAlgorithm  DEFAULT mgf1SHA1,
///   pSourceAlgorithm   [2] PSourceAlgorithm  DEFAULT pSpecifiedEmpty }
/// ```
/// The tags are explicit (the PKCS #1 module uses explicit tagging). Only an empty label is supported.
struct RSAESOAEPParameters: DERImplicitlyTaggable, Sendable, Equatable {
    static var defaultIdentifier: ASN1Identifier { .sequence }

    var hash: OAEPHash
    var mgfHash: OAEPHash

    init(hash: OAEPHash, mgfHash: OAEPHash) {
        self.hash = hash
        self.mgfHash = mgfHash
    }

    private static let hashes: [(OAEPHash, ASN1ObjectIdentifier)] = [
        (.sha1, .Seal.sha1), (.sha256, .Seal.sha256), (.sha384, .Seal.sha384), (.sha512, .Seal.sha512),
    ]

    static func hash(_ identifier: SealAlgorithmIdentifier) throws -> OAEPHash {
        guard let hash = hashes.first(where: { $0.1 == identifier.algorithm })?.0, identifier.hasNoParameters else {
            throw SealError.unsupportedAlgorithm("OAEP hash \(identifier.algorithm)")
        }
        return hash
    }

    static func identifier(_ hash: OAEPHash) -> SealAlgorithmIdentifier {
        let oid = hashes.first { $0.0 == hash }?.1 ?? .Seal.sha1
        return SealAlgorithmIdentifier(algorithm: oid)
    }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let hash =
                try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                    try Self.hash(SealAlgorithmIdentifier(derEncoded: node))
                } ?? .sha1
            let mgfHash =
                try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) { node in
                    let mgf = try SealAlgorithmIdentifier(derEncoded: node)
                    guard mgf.algorithm == .Seal.mgf1, let parameters = mgf.parameters else {
                        throw SealError.unsupportedAlgorithm("OAEP mask generation \(mgf.algorithm)")
                    }
                    return try Self.hash(SealAlgorithmIdentifier(asn1Any: parameters))
                } ?? .sha1
            try DER.optionalExplicitlyTagged(&nodes, tagNumber: 2, tagClass: .contextSpecific) { node in
                let source = try SealAlgorithmIdentifier(derEncoded: node)
                let label = try source.parameters.map { try ASN1OctetString(asn1Any: $0) }
                guard source.algorithm == .Seal.pSpecified, label?.bytes.isEmpty ?? true else {
                    throw SealError.unsupportedAlgorithm("an OAEP label")
                }
            }
            return RSAESOAEPParameters(hash: hash, mgfHash: mgfHash)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            if hash != .sha1 {
                try coder.serialize(Self.identifier(hash), explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            }
            if mgfHash != .sha1 {
                let mgf = SealAlgorithmIdentifier(
                    algorithm: .Seal.mgf1, parameters: try ASN1Any(erasing: Self.identifier(mgfHash)))
                try coder.serialize(mgf, explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific)
            }
        }
    }
}

extension RSAKeyTransportPadding {
    /// The keyEncryptionAlgorithm of a KeyTransRecipientInfo: rsaEncryption (NULL parameters) or
    /// id-RSAES-OAEP with its parameters.
    func algorithmIdentifier() throws -> SealAlgorithmIdentifier {
        switch self {
        case .pkcs1v15:
            SealAlgorithmIdentifier(algorithm: .Seal.rsaEncryption, parameters: try ASN1Any(erasing: ASN1Null()))
        case .oaep(let hash, let mgfHash):
            SealAlgorithmIdentifier(
                algorithm: .Seal.rsaesOAEP,
                parameters: try ASN1Any(erasing: RSAESOAEPParameters(hash: hash, mgfHash: mgfHash)))
        }
    }

    /// The padding a KeyTransRecipientInfo's keyEncryptionAlgorithm names; absent OAEP parameters mean SHA-1.
    init(_ identifier: SealAlgorithmIdentifier) throws {
        switch identifier.algorithm {
        case .Seal.rsaEncryption:
            self = .pkcs1v15
        case .Seal.rsaesOAEP:
            let parameters = try identifier.parameters.map { try RSAESOAEPParameters(asn1Any: $0) }
            self = .oaep(hash: parameters?.hash ?? .sha1, mgfHash: parameters?.mgfHash ?? .sha1)
        default:
            throw SealError.unsupportedAlgorithm("key transport \(identifier.algorithm)")
        }
    }
}
