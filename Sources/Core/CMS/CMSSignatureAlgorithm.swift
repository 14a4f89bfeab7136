import CoreTokens
import SwiftASN1

/// The signature algorithms of CMS signers (RFC 3370, RFC 4055, RFC 5758): how a scheme and digest are
/// named in a SignerInfo, and read back when verifying.
public struct CMSSignatureAlgorithm: Hashable, Sendable {
    public let scheme: SignatureScheme
    /// The digest the signature is computed over.
    public let digestAlgorithm: DigestAlgorithm

    public init(scheme: SignatureScheme, digestAlgorithm: DigestAlgorithm) {
        self.scheme = scheme
        self.digestAlgorithm = digestAlgorithm
    }

    /// The identifier written in a SignerInfo's signatureAlgorithm.
    public var identifier: CMSAlgorithmIdentifier {
        get throws {
            switch scheme {
            case .rsaPKCS1v15:
                // rsaEncryption with NULL, as RFC 3370 §3.2 and most signers write it.
                return CMSAlgorithmIdentifier(
                    algorithm: .CMS.rsaEncryption, parameters: try ASN1Any(erasing: ASN1Null()))
            case .ecdsa:
                let oid: ASN1ObjectIdentifier =
                    switch digestAlgorithm {
                    case .sha256: .CMS.ecdsaWithSHA256
                    case .sha384: .CMS.ecdsaWithSHA384
                    case .sha512: .CMS.ecdsaWithSHA512
                    }
                return CMSAlgorithmIdentifier(algorithm: oid)
            case .rsaPSS:
                return CMSAlgorithmIdentifier(
                    algorithm: .CMS.rsassaPSS, parameters: try ASN1Any(erasing: PSSParameters(digestAlgorithm)))
            }
        }
    }

    /// Reads a SignerInfo's algorithms; `digest` is its digestAlgorithm, used when the signature
    /// algorithm does not name its own (rsaEncryption).
    public init(signatureAlgorithm: CMSAlgorithmIdentifier, digest: DigestAlgorithm) throws(CMSError) {
        let oid = signatureAlgorithm.algorithm
        switch oid {
        case .CMS.rsaEncryption: self.init(scheme: .rsaPKCS1v15, digestAlgorithm: digest)
        case .CMS.sha256WithRSA: self.init(scheme: .rsaPKCS1v15, digestAlgorithm: .sha256)
        case .CMS.sha384WithRSA: self.init(scheme: .rsaPKCS1v15, digestAlgorithm: .sha384)
        case .CMS.sha512WithRSA: self.init(scheme: .rsaPKCS1v15, digestAlgorithm: .sha512)
        case .CMS.ecdsaWithSHA256: self.init(scheme: .ecdsa, digestAlgorithm: .sha256)
        case .CMS.ecdsaWithSHA384: self.init(scheme: .ecdsa, digestAlgorithm: .sha384)
        case .CMS.ecdsaWithSHA512: self.init(scheme: .ecdsa, digestAlgorithm: .sha512)
        case .CMS.ecPublicKey: self.init(scheme: .ecdsa, digestAlgorithm: digest)
        case .CMS.rsassaPSS:
            guard let parameters = signatureAlgorithm.parameters,
                let pss = try? PSSParameters(asn1Any: parameters)
            else { throw CMSError.unsupportedAlgorithm("RSASSA-PSS without readable parameters") }
            self.init(scheme: .rsaPSS, digestAlgorithm: pss.digestAlgorithm)
        default:
            throw CMSError.unsupportedAlgorithm("signature algorithm \(oid)")
        }
    }
}

/// RSASSA-PSS-params (RFC 4055 §3.1) with MGF1 over the same hash and a salt as long as the hash.
///
/// ```
/// RSASSA-PSS-params ::= SEQUENCE {
///   hashAlgorithm [0] HashAlgorithm DEFAULT sha1, maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
///   saltLength [2] INTEGER DEFAULT 20, trailerField [3] TrailerField DEFAULT trailerFieldBC }
/// ```
struct PSSParameters: DERImplicitlyTaggable, Hashable, Sendable {
    static var defaultIdentifier: ASN1Identifier { .sequence }
    let digestAlgorithm: DigestAlgorithm

    init(_ digestAlgorithm: DigestAlgorithm) { self.digestAlgorithm = digestAlgorithm }

    init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            guard
                let hash = try DER.optionalExplicitlyTagged(
                    &nodes, tagNumber: 0, tagClass: .contextSpecific,
                    { node in
                        try CMSAlgorithmIdentifier(derEncoded: node)
                    }), let digest = DigestAlgorithm(oid: hash.algorithm)
            else { throw CMSError.unsupportedAlgorithm("RSASSA-PSS with SHA-1") }
            while nodes.next() != nil {}
            return PSSParameters(digest)
        }
    }

    func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        let hash = CMSAlgorithmIdentifier(algorithm: digestAlgorithm.oid)
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(hash, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            try coder.serialize(
                CMSAlgorithmIdentifier(algorithm: .CMS.mgf1, parameters: try ASN1Any(erasing: hash)),
                explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific)
            try coder.serialize(digestAlgorithm.length, explicitlyTaggedWithTagNumber: 2, tagClass: .contextSpecific)
        }
    }
}
