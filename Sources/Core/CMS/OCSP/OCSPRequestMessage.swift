import Foundation
import SwiftASN1

extension ASN1ObjectIdentifier.OCSP {
    /// id-pkix-ocsp-nonce (RFC 6960 §4.4.1, RFC 8954); SwiftASN1 names id-pkix-ocsp-basic already.
    public static let nonce: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 2]
}

/// An unsigned OCSP request for one or more certificates, with a nonce (RFC 6960 §4.1.1, RFC 8954).
///
/// ```
/// OCSPRequest ::= SEQUENCE { tbsRequest TBSRequest, optionalSignature [0] EXPLICIT Signature OPTIONAL }
/// TBSRequest ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, requestorName [1] EXPLICIT GeneralName OPTIONAL,
///                           requestList SEQUENCE OF Request, requestExtensions [2] EXPLICIT Extensions OPTIONAL }
/// Request ::= SEQUENCE { reqCert CertID, singleRequestExtensions [0] EXPLICIT Extensions OPTIONAL }
/// Nonce ::= OCTET STRING (SIZE(1..32))
/// ```
public struct OCSPRequestMessage: Sendable {
    public var certificateIDs: [OCSPCertificateID]
    /// The nonce's value, which the responder should echo; `nil` for a request without one.
    public var nonce: [UInt8]?

    public init(certificateIDs: [OCSPCertificateID], nonce: [UInt8]?) {
        self.certificateIDs = certificateIDs
        self.nonce = nonce
    }

    /// A fresh random nonce of 16 bytes (RFC 8954 asks for at least 1 and at most 32).
    public static func randomNonce() -> [UInt8] { (0..<16).map { _ in UInt8.random(in: 0...255) } }

    public func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.appendConstructedNode(identifier: .sequence) { coder in
                    for id in certificateIDs {
                        try coder.appendConstructedNode(identifier: .sequence) { coder in try coder.serialize(id) }
                    }
                }
                if let nonce {
                    let tag = ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)
                    try coder.appendConstructedNode(identifier: tag) { coder in
                        try coder.appendConstructedNode(identifier: .sequence) { coder in
                            try Self.serializeNonceExtension(nonce, into: &coder)
                        }
                    }
                }
            }
        }
        return coder.serializedBytes
    }

    /// The nonce extension: `Extension { id-pkix-ocsp-nonce, extnValue OCTET STRING (DER of the Nonce) }`.
    static func serializeNonceExtension(_ nonce: [UInt8], into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(ASN1ObjectIdentifier.OCSP.nonce)
            try coder.serialize(ASN1OctetString(contentBytes: nonceExtensionValue(nonce)[...]))
        }
    }

    /// The DER of the Nonce (an OCTET STRING): the extension's value as the request carries it.
    static func nonceExtensionValue(_ nonce: [UInt8]) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(ASN1OctetString(contentBytes: nonce[...]))
        return coder.serializedBytes
    }
}
