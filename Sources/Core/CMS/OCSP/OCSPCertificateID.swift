import Crypto
import Foundation
import SwiftASN1
import X509

/// The hash that names a certificate's issuer in an OCSP request (RFC 6960 §4.1.1). SHA-1 is what
/// every responder knows (RFC 5019 requires it); SHA-256 is asked of those that index it too.
public enum OCSPHashAlgorithm: String, Sendable, Codable, CaseIterable {
    case sha1 = "sha-1"
    case sha256 = "sha-256"

    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha1: [1, 3, 14, 3, 2, 26]
        case .sha256: [2, 16, 840, 1, 101, 3, 4, 2, 1]
        }
    }

    func hash(_ bytes: some DataProtocol) -> [UInt8] {
        switch self {
        case .sha1: Array(Insecure.SHA1.hash(data: bytes))
        case .sha256: Array(SHA256.hash(data: bytes))
        }
    }
}

/// Names one certificate in an OCSP request and in the response: its issuer's name and key hashed,
/// and its serial number (RFC 6960 §4.1.1).
///
/// ```
/// CertID ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, issuerNameHash OCTET STRING,
///                       issuerKeyHash OCTET STRING, serialNumber CertificateSerialNumber }
/// ```
public struct OCSPCertificateID: DERImplicitlyTaggable, Hashable, Sendable {
    public static var defaultIdentifier: ASN1Identifier { .sequence }

    /// The hash's object identifier (its parameters, NULL or absent, are not compared).
    public var hashAlgorithm: ASN1ObjectIdentifier
    /// The hash of the DER of the issuer's subject name.
    public var issuerNameHash: [UInt8]
    /// The hash of the issuer's public key (the BIT STRING's value, without tag, length and unused bits).
    public var issuerKeyHash: [UInt8]
    public var serialNumber: Certificate.SerialNumber

    public init(
        hashAlgorithm: ASN1ObjectIdentifier, issuerNameHash: [UInt8], issuerKeyHash: [UInt8],
        serialNumber: Certificate.SerialNumber
    ) {
        self.hashAlgorithm = hashAlgorithm
        self.issuerNameHash = issuerNameHash
        self.issuerKeyHash = issuerKeyHash
        self.serialNumber = serialNumber
    }

    /// The CertID of `certificate`, issued by `issuer`.
    public init(certificate: Certificate, issuer: Certificate, hash: OCSPHashAlgorithm = .sha1) throws {
        var coder = DER.Serializer()
        try coder.serialize(issuer.subject)
        self.init(
            hashAlgorithm: hash.oid, issuerNameHash: hash.hash(coder.serializedBytes),
            issuerKeyHash: hash.hash(issuer.publicKey.subjectPublicKeyInfoBytes),
            serialNumber: certificate.serialNumber)
    }

    public init(derEncoded rootNode: ASN1Node, withIdentifier identifier: ASN1Identifier) throws {
        self = try DER.sequence(rootNode, identifier: identifier) { nodes in
            let algorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            let nameHash = try ASN1OctetString(derEncoded: &nodes)
            let keyHash = try ASN1OctetString(derEncoded: &nodes)
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            return OCSPCertificateID(
                hashAlgorithm: algorithm.algorithm, issuerNameHash: Array(nameHash.bytes),
                issuerKeyHash: Array(keyHash.bytes), serialNumber: Certificate.SerialNumber(bytes: serial))
        }
    }

    public func serialize(into coder: inout DER.Serializer, withIdentifier identifier: ASN1Identifier) throws {
        try coder.appendConstructedNode(identifier: identifier) { coder in
            try coder.serialize(
                CMSAlgorithmIdentifier(algorithm: hashAlgorithm, parameters: try ASN1Any(erasing: ASN1Null())))
            try coder.serialize(ASN1OctetString(contentBytes: issuerNameHash[...]))
            try coder.serialize(ASN1OctetString(contentBytes: issuerKeyHash[...]))
            try coder.serialize(serialNumber.bytes)
        }
    }
}
