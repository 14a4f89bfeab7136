import SwiftASN1
import X509

/// A signed CMS message (RFC 5652 §5.1), inside its ContentInfo (§3).
///
/// ```
/// ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY }
/// SignedData ::= SEQUENCE {
///   version CMSVersion, digestAlgorithms SET OF DigestAlgorithmIdentifier,
///   encapContentInfo EncapsulatedContentInfo,
///   certificates [0] IMPLICIT CertificateSet OPTIONAL,
///   crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,
///   signerInfos SET OF SignerInfo }
/// EncapsulatedContentInfo ::= SEQUENCE { eContentType ContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
/// ```
public struct CMSSignedData: Hashable, Sendable {
    public var version: Int
    public var digestAlgorithms: [CMSAlgorithmIdentifier]
    public var contentType: ASN1ObjectIdentifier
    /// The signed content when it travels inside the message (enveloping); nil when detached.
    public var content: [UInt8]?
    /// The certificates carried along (the signer's, its chain, a TSA's), DER.
    public var certificates: [[UInt8]]
    /// CRLs carried along, DER.
    public var crls: [[UInt8]]
    public var signerInfos: [CMSSignerInfo]

    public init(
        digestAlgorithms: [CMSAlgorithmIdentifier], contentType: ASN1ObjectIdentifier, content: [UInt8]?,
        certificates: [[UInt8]], crls: [[UInt8]] = [], signerInfos: [CMSSignerInfo]
    ) {
        let usesSKI = signerInfos.contains { $0.version == 3 }
        version = usesSKI || contentType != .CMS.data ? 3 : 1
        self.digestAlgorithms = digestAlgorithms
        self.contentType = contentType
        self.content = content
        self.certificates = certificates
        self.crls = crls
        self.signerInfos = signerInfos
    }

    private static let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
    private static let crlsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
    private static let explicitZero = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// Reads a ContentInfo holding SignedData, in DER or BER (indefinite lengths, constructed strings:
    /// what `openssl cms -sign -stream` writes).
    public init(contentInfo bytes: [UInt8]) throws(CMSError) {
        do {
            let root = try BER.parse(bytes)
            self = try DER.sequence(root, identifier: .sequence) { nodes in
                let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                guard type == .CMS.signedData else {
                    throw CMSError.malformed("its content type is \(type), not signedData")
                }
                guard let wrapper = nodes.next(), wrapper.identifier == Self.explicitZero,
                    case .constructed(let inner) = wrapper.content, let signedData = inner.first(where: { _ in true })
                else { throw CMSError.malformed("the ContentInfo has no content") }
                return try Self(signedData: signedData)
            }
        } catch let error as CMSError {
            throw error
        } catch {
            throw CMSError.malformed(String(describing: error))
        }
    }

    private init(signedData node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let version = try Int(derEncoded: &nodes)
            guard let algorithmsNode = nodes.next(), algorithmsNode.identifier == .set,
                case .constructed(let algorithmNodes) = algorithmsNode.content
            else { throw CMSError.malformed("no digestAlgorithms") }
            let digestAlgorithms = try algorithmNodes.map { try CMSAlgorithmIdentifier(derEncoded: $0) }
            guard let encapsulated = nodes.next() else { throw CMSError.malformed("no encapContentInfo") }
            let (contentType, content) = try Self.encapsulated(encapsulated)
            var certificates: [[UInt8]] = []
            var crls: [[UInt8]] = []
            var next = nodes.next()
            if let node = next, node.identifier == Self.certificatesTag {
                if case .constructed(let children) = node.content {
                    // Only X.509 certificates (SEQUENCE); other choices (attribute certificates) are skipped.
                    certificates = children.filter { $0.identifier == .sequence }.map { Array($0.encodedBytes) }
                }
                next = nodes.next()
            }
            if let node = next, node.identifier == Self.crlsTag {
                if case .constructed(let children) = node.content {
                    crls = children.filter { $0.identifier == .sequence }.map { Array($0.encodedBytes) }
                }
                next = nodes.next()
            }
            guard let signersNode = next, signersNode.identifier == .set,
                case .constructed(let signerNodes) = signersNode.content
            else { throw CMSError.malformed("no signerInfos") }
            let signerInfos = try signerNodes.map { try CMSSignerInfo(derEncoded: $0) }
            var signedData = CMSSignedData(
                digestAlgorithms: digestAlgorithms, contentType: contentType, content: content,
                certificates: certificates, crls: crls, signerInfos: signerInfos)
            signedData.version = version
            return signedData
        }
    }

    /// The content type and, when present, the content (a primitive or BER constructed OCTET STRING).
    private static func encapsulated(_ node: ASN1Node) throws -> (ASN1ObjectIdentifier, [UInt8]?) {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
            guard let explicit = nodes.next() else { return (type, nil) }
            guard explicit.identifier == Self.explicitZero, case .constructed(let inner) = explicit.content,
                let octets = inner.first(where: { _ in true })
            else { throw CMSError.malformed("eContent is not [0] EXPLICIT") }
            return (type, try concatenatedOctets(octets))
        }
    }

    /// The bytes of an OCTET STRING, joining the segments of a BER constructed one.
    static func concatenatedOctets(_ node: ASN1Node) throws -> [UInt8] {
        switch node.content {
        case .primitive(let bytes): return Array(bytes)
        case .constructed(let children):
            var joined: [UInt8] = []
            for child in children { joined += try concatenatedOctets(child) }
            return joined
        }
    }

    /// The DER ContentInfo.
    public func contentInfo() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1ObjectIdentifier.CMS.signedData)
            try coder.appendConstructedNode(identifier: Self.explicitZero) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    try coder.serialize(version)
                    try coder.serializeSetOf(digestAlgorithms)
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(contentType)
                        if let content {
                            try coder.appendConstructedNode(identifier: Self.explicitZero) { coder in
                                try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(content)))
                            }
                        }
                    }
                    if !certificates.isEmpty {
                        try coder.appendConstructedNode(identifier: Self.certificatesTag) { coder in
                            for certificate in certificates { coder.serializeRawBytes(certificate) }
                        }
                    }
                    if !crls.isEmpty {
                        try coder.appendConstructedNode(identifier: Self.crlsTag) { coder in
                            for crl in crls { coder.serializeRawBytes(crl) }
                        }
                    }
                    try coder.serializeSetOf(signerInfos)
                }
            }
        }
        return coder.serializedBytes
    }

    /// The carried certificates that parse as X.509.
    public var parsedCertificates: [Certificate] {
        certificates.compactMap { try? Certificate(derEncoded: $0) }
    }
}
