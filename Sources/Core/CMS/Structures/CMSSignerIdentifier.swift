import SwiftASN1
import X509

/// How a SignerInfo names its signer's certificate (RFC 5652 §5.3).
///
/// ```
/// SignerIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
/// IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }
/// ```
public enum CMSSignerIdentifier: DERParseable, DERSerializable, Hashable, Sendable {
    case issuerAndSerialNumber(issuer: DistinguishedName, serial: Certificate.SerialNumber)
    case subjectKeyIdentifier([UInt8])

    public init(derEncoded node: ASN1Node) throws {
        if node.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) {
            let octets = try ASN1OctetString(derEncoded: node, withIdentifier: node.identifier)
            self = .subjectKeyIdentifier(Array(octets.bytes))
            return
        }
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let issuer = try DistinguishedName(derEncoded: &nodes)
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            return .issuerAndSerialNumber(issuer: issuer, serial: Certificate.SerialNumber(bytes: serial))
        }
    }

    public func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(issuer)
                try coder.serialize(ArraySlice(serial.bytes))
            }
        case .subjectKeyIdentifier(let identifier):
            try ASN1OctetString(contentBytes: ArraySlice(identifier)).serialize(
                into: &coder, withIdentifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific))
        }
    }

    /// The identifier naming `certificate` by issuer and serial number.
    public init(naming certificate: Certificate) {
        self = .issuerAndSerialNumber(issuer: certificate.issuer, serial: certificate.serialNumber)
    }

    /// Whether this identifier names `certificate`.
    public func names(_ certificate: Certificate) -> Bool {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            return certificate.issuer == issuer && certificate.serialNumber == serial
        case .subjectKeyIdentifier(let identifier):
            guard let extensionValue = try? certificate.extensions.subjectKeyIdentifier else { return false }
            return Array(extensionValue.keyIdentifier) == identifier
        }
    }
}
