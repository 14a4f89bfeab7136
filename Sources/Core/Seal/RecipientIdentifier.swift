import CoreModel
import SwiftASN1
import X509

/// How a RecipientInfo names the recipient's certificate (RFC 5652 §6.2.1, §6.2.2).
///
/// ```
/// RecipientIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   subjectKeyIdentifier [0] SubjectKeyIdentifier }
///
/// KeyAgreeRecipientIdentifier ::= CHOICE {
///   issuerAndSerialNumber IssuerAndSerialNumber,
///   rKeyId [0] IMPLICIT RecipientKeyIdentifier }
///
/// RecipientKeyIdentifier ::= SEQUENCE {
///   subjectKeyIdentifier SubjectKeyIdentifier,
///   date GeneralizedTime OPTIONAL,
///   other OtherKeyAttribute OPTIONAL }
///
/// IssuerAndSerialNumber ::= SEQUENCE {
///   issuer Name,
///   serialNumber CertificateSerialNumber }
/// ```
enum RecipientIdentifier: Sendable, Hashable {
    case issuerAndSerialNumber(issuer: DistinguishedName, serial: Certificate.SerialNumber)
    case subjectKeyIdentifier([UInt8])

    private static let tagZero = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)

    /// The identifier of `certificate` of the requested kind; a certificate without a subject key
    /// identifier extension cannot be named by one.
    init(_ certificate: Certificate, kind: RecipientIdentifierKind) throws {
        switch kind {
        case .issuerAndSerialNumber:
            self = .issuerAndSerialNumber(issuer: certificate.issuer, serial: certificate.serialNumber)
        case .subjectKeyIdentifier:
            guard let ski = try? certificate.extensions.subjectKeyIdentifier else {
                throw SealError.unsupportedRecipient(
                    "\(certificate.subject) has no subject key identifier: name it by issuer and serial number")
            }
            self = .subjectKeyIdentifier(Array(ski.keyIdentifier))
        }
    }

    /// Parses a RecipientIdentifier, or with `keyAgreement` a KeyAgreeRecipientIdentifier.
    init(derEncoded node: ASN1Node, keyAgreement: Bool) throws {
        if node.identifier == .sequence {
            self = try DER.sequence(node, identifier: .sequence) { nodes in
                // The closure form picks DERParseable's initializer, not the deprecated implicitly tagged one.
                let parseName: (inout ASN1NodeCollection.Iterator) throws -> DistinguishedName =
                    DistinguishedName.init(derEncoded:)
                let issuer = try parseName(&nodes)
                let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
                return .issuerAndSerialNumber(issuer: issuer, serial: Certificate.SerialNumber(bytes: serial))
            }
        } else if node.identifier == Self.tagZero, keyAgreement {
            self = try DER.sequence(node, identifier: Self.tagZero) { nodes in
                let ski = try ASN1OctetString(derEncoded: &nodes)
                while nodes.next() != nil {}
                return .subjectKeyIdentifier(Array(ski.bytes))
            }
        } else if node.identifier == Self.tagZero {
            self = .subjectKeyIdentifier(
                Array(try ASN1OctetString(derEncoded: node, withIdentifier: Self.tagZero).bytes))
        } else {
            throw SealError.notASealedPli("a recipient identifier is neither issuer and serial nor key identifier")
        }
    }

    /// Writes a RecipientIdentifier, or with `keyAgreement` a KeyAgreeRecipientIdentifier.
    func serialize(into coder: inout DER.Serializer, keyAgreement: Bool) throws {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(issuer)
                try coder.serialize(serial.bytes)
            }
        case .subjectKeyIdentifier(let ski) where keyAgreement:
            try coder.appendConstructedNode(identifier: Self.tagZero) { coder in
                try coder.serialize(ASN1OctetString(contentBytes: ski[...]))
            }
        case .subjectKeyIdentifier(let ski):
            try ASN1OctetString(contentBytes: ski[...]).serialize(into: &coder, withIdentifier: Self.tagZero)
        }
    }

    /// Whether this identifier names `certificate`.
    func names(_ certificate: Certificate) -> Bool {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            return issuer == certificate.issuer && serial == certificate.serialNumber
        case .subjectKeyIdentifier(let ski):
            guard let own = try? certificate.extensions.subjectKeyIdentifier else { return false }
            return Array(own.keyIdentifier) == ski
        }
    }

    /// The identifier as a person reads it, for error messages.
    var readable: String {
        switch self {
        case .issuerAndSerialNumber(let issuer, let serial):
            "issuer \(issuer), serial \(serial.bytes.hex)"
        case .subjectKeyIdentifier(let ski):
            "subject key identifier \(ski.hex)"
        }
    }
}
