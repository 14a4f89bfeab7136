import CoreTokens
import Crypto
import SwiftASN1
import X509

/// The ESS signing-certificate attributes that bind a signature to its certificate (RFC 5035 §3,
/// RFC 2634 §5.4): the certificate's hash and its issuer and serial number.
///
/// ```
/// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies SEQUENCE OF PolicyInformation OPTIONAL }
/// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},
///                            certHash OCTET STRING, issuerSerial IssuerSerial OPTIONAL }
/// SigningCertificate ::= SEQUENCE { certs SEQUENCE OF ESSCertID, policies … OPTIONAL }
/// ESSCertID ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial IssuerSerial OPTIONAL }
/// IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
/// ```
public struct ESSCertificateIdentifier: Hashable, Sendable {
    /// The hash algorithm: SHA-256 (v2 default), another SHA-2, or SHA-1 (v1).
    public let hashAlgorithm: ASN1ObjectIdentifier
    public let certificateHash: [UInt8]
    public let issuerSerial: IssuerSerial?

    /// The identifier of `certificate` for a SigningCertificateV2 attribute, with SHA-256.
    public init(certificate: Certificate) throws {
        var der = DER.Serializer()
        try der.serialize(certificate)
        hashAlgorithm = DigestAlgorithm.sha256.oid
        certificateHash = Array(SHA256.hash(data: der.serializedBytes))
        issuerSerial = IssuerSerial(issuer: certificate.issuer, serial: certificate.serialNumber)
    }

    init(hashAlgorithm: ASN1ObjectIdentifier, certificateHash: [UInt8], issuerSerial: IssuerSerial?) {
        self.hashAlgorithm = hashAlgorithm
        self.certificateHash = certificateHash
        self.issuerSerial = issuerSerial
    }

    /// Whether `certificate` is the one identified.
    public func identifies(_ certificate: Certificate) -> Bool {
        var der = DER.Serializer()
        guard (try? der.serialize(certificate)) != nil else { return false }
        let hash: [UInt8]
        if hashAlgorithm == .CMS.sha1 {
            hash = Array(Insecure.SHA1.hash(data: der.serializedBytes))
        } else if let digest = DigestAlgorithm(oid: hashAlgorithm) {
            hash = digest.digest(der.serializedBytes)
        } else {
            return false
        }
        guard hash == certificateHash else { return false }
        if let issuerSerial {
            return issuerSerial.issuer == certificate.issuer && issuerSerial.serial == certificate.serialNumber
        }
        return true
    }

    /// The DER SigningCertificateV2 attribute value naming this certificate.
    public func signingCertificateV2() throws -> ASN1Any {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    if hashAlgorithm != DigestAlgorithm.sha256.oid {
                        try coder.serialize(CMSAlgorithmIdentifier(algorithm: hashAlgorithm))
                    }
                    try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(certificateHash)))
                    if let issuerSerial { try coder.serialize(issuerSerial) }
                }
            }
        }
        return try ASN1Any(derEncoded: coder.serializedBytes)
    }

    /// The certificate identifiers of a SigningCertificateV2 (`v2`) or SigningCertificate value.
    static func parse(_ value: ASN1Any, v2: Bool) throws -> [ESSCertificateIdentifier] {
        var coder = DER.Serializer()
        try coder.serialize(value)
        let root = try DER.parse(coder.serializedBytes)
        return try DER.sequence(root, identifier: .sequence) { nodes in
            guard let certs = nodes.next(), case .constructed(let ids) = certs.content else {
                throw CMSError.malformed("an empty signing-certificate attribute")
            }
            while nodes.next() != nil {}
            return try ids.map { id in
                try DER.sequence(id, identifier: .sequence) { fields in
                    var algorithm = v2 ? DigestAlgorithm.sha256.oid : ASN1ObjectIdentifier.CMS.sha1
                    var next = fields.next()
                    if v2, let node = next, node.identifier == .sequence {
                        algorithm = try CMSAlgorithmIdentifier(derEncoded: node).algorithm
                        next = fields.next()
                    }
                    guard let hashNode = next else { throw CMSError.malformed("no certHash") }
                    let hash = try ASN1OctetString(derEncoded: hashNode)
                    let issuerSerial = try fields.next().map { try IssuerSerial(derEncoded: $0) }
                    return ESSCertificateIdentifier(
                        hashAlgorithm: algorithm, certificateHash: Array(hash.bytes), issuerSerial: issuerSerial)
                }
            }
        }
    }
}

/// An issuer (as a directoryName GeneralName) and a serial number (RFC 5035 §4).
public struct IssuerSerial: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }
    private static let directoryName = ASN1Identifier(tagWithNumber: 4, tagClass: .contextSpecific)

    public let issuer: DistinguishedName
    public let serial: Certificate.SerialNumber

    public init(issuer: DistinguishedName, serial: Certificate.SerialNumber) {
        self.issuer = issuer
        self.serial = serial
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            guard let names = nodes.next(), case .constructed(let generalNames) = names.content,
                let directory = generalNames.first(where: { $0.identifier == Self.directoryName }),
                case .constructed(let inner) = directory.content, let name = inner.first(where: { _ in true })
            else { throw CMSError.malformed("IssuerSerial without a directoryName") }
            let issuer = try DistinguishedName(derEncoded: name)
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            return IssuerSerial(issuer: issuer, serial: Certificate.SerialNumber(bytes: serial))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(issuer, explicitlyTaggedWithTagNumber: 4, tagClass: .contextSpecific)
            }
            try coder.serialize(ArraySlice(serial.bytes))
        }
    }
}
