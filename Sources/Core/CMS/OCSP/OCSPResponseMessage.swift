import Foundation
import SwiftASN1
import X509

/// What an OCSP responder answered (RFC 6960 §4.2.1): a status, and when successful a signed basic response.
///
/// ```
/// OCSPResponse ::= SEQUENCE { responseStatus OCSPResponseStatus, responseBytes [0] EXPLICIT ResponseBytes OPTIONAL }
/// OCSPResponseStatus ::= ENUMERATED { successful (0), malformedRequest (1), internalError (2), tryLater (3),
///                                     sigRequired (5), unauthorized (6) }
/// ResponseBytes ::= SEQUENCE { responseType OBJECT IDENTIFIER, response OCTET STRING }
/// ```
public struct OCSPResponseMessage: Sendable {
    /// The responseStatus; 0 is successful.
    public let status: Int
    /// The basic response (id-pkix-ocsp-basic), present when `status` is 0.
    public let basic: OCSPBasicResponse?

    public init(status: Int, basic: OCSPBasicResponse?) {
        self.status = status
        self.basic = basic
    }

    /// The status in words, for messages.
    public static func describe(status: Int) -> String {
        switch status {
        case 0: "successful"
        case 1: "malformed request"
        case 2: "internal error"
        case 3: "try later"
        case 5: "signature required"
        case 6: "unauthorized"
        default: "status \(status)"
        }
    }

    /// Reads a DER OCSPResponse.
    public init(derEncoded bytes: [UInt8]) throws(OCSPError) {
        do {
            let root = try DER.parse(bytes)
            self = try DER.sequence(root, identifier: .sequence) { nodes in
                let status = try Int(derEncoded: &nodes, withIdentifier: .enumerated)
                let basic = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                    try DER.sequence(node, identifier: .sequence) { parts in
                        let type = try ASN1ObjectIdentifier(derEncoded: &parts)
                        let response = try ASN1OctetString(derEncoded: &parts)
                        guard type == .OCSP.basicResponse else {
                            throw OCSPError.malformedResponse("its type \(type) is not the basic response")
                        }
                        return try OCSPBasicResponse(derEncoded: Array(response.bytes))
                    }
                }
                return OCSPResponseMessage(status: status, basic: basic)
            }
        } catch let error as OCSPError {
            throw error
        } catch {
            throw .malformedResponse("it is not a DER OCSP response (\(error))")
        }
    }

    public func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try status.serialize(into: &coder, withIdentifier: .enumerated)
            if let basic {
                let tag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                try coder.appendConstructedNode(identifier: tag) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try coder.serialize(ASN1ObjectIdentifier.OCSP.basicResponse)
                        try coder.serialize(ASN1OctetString(contentBytes: try basic.derEncoded()[...]))
                    }
                }
            }
        }
        return coder.serializedBytes
    }
}

/// The signed part of a successful response (RFC 6960 §4.2.1).
///
/// ```
/// BasicOCSPResponse ::= SEQUENCE { tbsResponseData ResponseData, signatureAlgorithm AlgorithmIdentifier,
///                                  signature BIT STRING, certs [0] EXPLICIT SEQUENCE OF Certificate OPTIONAL }
/// ```
public struct OCSPBasicResponse: Sendable {
    public let data: OCSPResponseData
    /// The DER of tbsResponseData as received: what the signature covers.
    public let signedBytes: [UInt8]
    public let signatureAlgorithm: CMSAlgorithmIdentifier
    public let signature: [UInt8]
    /// Certificates the responder sent, to find a delegated responder's.
    public let certificates: [Certificate]

    /// A response made here (tests, a responder): `signature` covers the DER of `data`.
    public init(
        data: OCSPResponseData, signatureAlgorithm: CMSAlgorithmIdentifier, signature: [UInt8],
        certificates: [Certificate] = []
    ) throws {
        self.data = data
        self.signedBytes = try data.derEncoded()
        self.signatureAlgorithm = signatureAlgorithm
        self.signature = signature
        self.certificates = certificates
    }

    init(derEncoded bytes: [UInt8]) throws {
        let root = try DER.parse(bytes)
        var parsed: (OCSPResponseData, [UInt8], CMSAlgorithmIdentifier, [UInt8], [Certificate])?
        try DER.sequence(root, identifier: .sequence) { nodes in
            guard let tbs = nodes.next() else { throw OCSPError.malformedResponse("it holds no response data") }
            let data = try OCSPResponseData(derEncoded: tbs)
            let algorithm = try CMSAlgorithmIdentifier(derEncoded: &nodes)
            let signature = try ASN1BitString(derEncoded: &nodes)
            let certificates =
                try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { node in
                    try DER.sequence(of: Certificate.self, identifier: .sequence, rootNode: node)
                } ?? []
            parsed = (data, Array(tbs.encodedBytes), algorithm, Array(signature.bytes), certificates)
        }
        guard let parsed else { throw OCSPError.malformedResponse("incomplete basic response") }
        (data, signedBytes, signatureAlgorithm, signature, certificates) = parsed
    }

    func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            coder.serializeRawBytes(signedBytes)
            try coder.serialize(signatureAlgorithm)
            try coder.serialize(ASN1BitString(bytes: signature[...]))
            if !certificates.isEmpty {
                let tag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                try coder.appendConstructedNode(identifier: tag) { coder in
                    try coder.serializeSequenceOf(certificates)
                }
            }
        }
        return coder.serializedBytes
    }
}

/// Who signed a response: the responder's subject name, or the SHA-1 of its public key.
///
/// ```
/// ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash }     -- explicitly tagged
/// ```
public enum OCSPResponderID: Hashable, Sendable, CustomStringConvertible {
    case byName(DistinguishedName)
    case byKey([UInt8])

    /// The responder ID naming `certificate` by its key.
    public init(keyOf certificate: Certificate) {
        self = .byKey(OCSPHashAlgorithm.sha1.hash(certificate.publicKey.subjectPublicKeyInfoBytes))
    }

    /// Whether this ID names `certificate`.
    public func matches(_ certificate: Certificate) -> Bool {
        switch self {
        case .byName(let name): certificate.subject == name
        case .byKey(let hash): OCSPHashAlgorithm.sha1.hash(certificate.publicKey.subjectPublicKeyInfoBytes) == hash
        }
    }

    public var description: String {
        switch self {
        case .byName(let name): name.description
        case .byKey(let hash): "the key " + hash.map { String(format: "%02X", $0) }.joined()
        }
    }
}

/// RFC 5280 §5.3.1 CRLReason, as a CRL entry or an OCSP response gives it.
public enum RevocationReason: Int, Sendable, Codable, CustomStringConvertible {
    case unspecified = 0
    case keyCompromise = 1
    case caCompromise = 2
    case affiliationChanged = 3
    case superseded = 4
    case cessationOfOperation = 5
    case certificateHold = 6
    case removeFromCRL = 8
    case privilegeWithdrawn = 9
    case aaCompromise = 10

    public var description: String {
        switch self {
        case .unspecified: "no reason given"
        case .keyCompromise: "key compromise"
        case .caCompromise: "authority compromise"
        case .affiliationChanged: "affiliation changed"
        case .superseded: "superseded"
        case .cessationOfOperation: "cessation of operation"
        case .certificateHold: "certificate on hold"
        case .removeFromCRL: "removed from the CRL"
        case .privilegeWithdrawn: "privilege withdrawn"
        case .aaCompromise: "attribute authority compromise"
        }
    }
}

/// A certificate's status in a response.
///
/// ```
/// CertStatus ::= CHOICE { good [0] IMPLICIT NULL, revoked [1] IMPLICIT RevokedInfo, unknown [2] IMPLICIT NULL }
/// RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
/// ```
public enum OCSPCertificateStatus: Hashable, Sendable {
    case good
    case revoked(time: Date, reason: RevocationReason?)
    /// The responder does not know the certificate.
    case unknown
}

/// One certificate's status (RFC 6960 §4.2.1).
///
/// ```
/// SingleResponse ::= SEQUENCE { certID CertID, certStatus CertStatus, thisUpdate GeneralizedTime,
///   nextUpdate [0] EXPLICIT GeneralizedTime OPTIONAL, singleExtensions [1] EXPLICIT Extensions OPTIONAL }
/// ```
public struct OCSPSingleResponse: Hashable, Sendable {
    public var certificateID: OCSPCertificateID
    public var status: OCSPCertificateStatus
    /// When the status was known to be correct.
    public var thisUpdate: Date
    /// When newer information will be available; without it, newer information is always available.
    public var nextUpdate: Date?

    public init(certificateID: OCSPCertificateID, status: OCSPCertificateStatus, thisUpdate: Date, nextUpdate: Date?) {
        self.certificateID = certificateID
        self.status = status
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
    }

    init(derEncoded node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            let id = try OCSPCertificateID(derEncoded: &nodes)
            guard let statusNode = nodes.next() else { throw OCSPError.malformedResponse("a status is missing") }
            let status: OCSPCertificateStatus
            switch statusNode.identifier {
            case ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific): status = .good
            case ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific): status = .unknown
            case ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific):
                status = try DER.sequence(statusNode, identifier: statusNode.identifier) { info in
                    let time = try GeneralizedTime(derEncoded: &info)
                    let reason = try DER.optionalExplicitlyTagged(&info, tagNumber: 0, tagClass: .contextSpecific) {
                        try Int(derEncoded: $0, withIdentifier: .enumerated)
                    }
                    return OCSPCertificateStatus.revoked(
                        time: Date(time), reason: reason.flatMap { RevocationReason(rawValue: $0) })
                }
            default:
                throw OCSPError.malformedResponse("a status has the unknown tag \(statusNode.identifier)")
            }
            let thisUpdate = try GeneralizedTime(derEncoded: &nodes)
            let nextUpdate = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try GeneralizedTime(derEncoded: $0)
            }
            while nodes.next() != nil {}
            return OCSPSingleResponse(
                certificateID: id, status: status, thisUpdate: Date(thisUpdate), nextUpdate: nextUpdate.map { Date($0) }
            )
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(certificateID)
            switch status {
            case .good:
                coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                    _ in
                }
            case .unknown:
                coder.appendPrimitiveNode(identifier: ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific)) {
                    _ in
                }
            case .revoked(let time, let reason):
                try coder.appendConstructedNode(
                    identifier: ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                ) {
                    coder in
                    try coder.serialize(GeneralizedTime(wholeSecondsOf: time))
                    if let reason {
                        try coder.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { coder in
                            try reason.rawValue.serialize(into: &coder, withIdentifier: .enumerated)
                        }
                    }
                }
            }
            try coder.serialize(GeneralizedTime(wholeSecondsOf: thisUpdate))
            if let nextUpdate {
                try coder.serialize(
                    GeneralizedTime(wholeSecondsOf: nextUpdate), explicitlyTaggedWithTagNumber: 0,
                    tagClass: .contextSpecific)
            }
        }
    }
}

/// What the responder signs (RFC 6960 §4.2.1).
///
/// ```
/// ResponseData ::= SEQUENCE { version [0] EXPLICIT Version DEFAULT v1, responderID ResponderID,
///   producedAt GeneralizedTime, responses SEQUENCE OF SingleResponse, responseExtensions [1] EXPLICIT Extensions OPTIONAL }
/// ```
public struct OCSPResponseData: Hashable, Sendable {
    public var responderID: OCSPResponderID
    public var producedAt: Date
    public var responses: [OCSPSingleResponse]
    /// The nonce the responder echoed, when it did.
    public var nonce: [UInt8]?

    public init(responderID: OCSPResponderID, producedAt: Date, responses: [OCSPSingleResponse], nonce: [UInt8]?) {
        self.responderID = responderID
        self.producedAt = producedAt
        self.responses = responses
        self.nonce = nonce
    }

    init(derEncoded node: ASN1Node) throws {
        self = try DER.sequence(node, identifier: .sequence) { nodes in
            _ = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try Int(derEncoded: $0)
            }
            guard let idNode = nodes.next() else { throw OCSPError.malformedResponse("no responder ID") }
            let responder: OCSPResponderID
            switch idNode.identifier {
            case ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific):
                responder = .byName(
                    try DER.explicitlyTagged(idNode, tagNumber: 1, tagClass: .contextSpecific) {
                        try DistinguishedName(derEncoded: $0)
                    })
            case ASN1Identifier(tagWithNumber: 2, tagClass: .contextSpecific):
                responder = .byKey(
                    try DER.explicitlyTagged(idNode, tagNumber: 2, tagClass: .contextSpecific) {
                        Array(try ASN1OctetString(derEncoded: $0).bytes)
                    })
            default:
                throw OCSPError.malformedResponse("the responder ID has the unknown tag \(idNode.identifier)")
            }
            let producedAt = try GeneralizedTime(derEncoded: &nodes)
            guard let list = nodes.next(), list.identifier == .sequence, case .constructed(let children) = list.content
            else { throw OCSPError.malformedResponse("no list of responses") }
            let responses = try children.map { try OCSPSingleResponse(derEncoded: $0) }
            let nonce = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) {
                try Self.nonce(inExtensions: $0)
            }
            return OCSPResponseData(
                responderID: responder, producedAt: Date(producedAt), responses: responses, nonce: nonce ?? nil)
        }
    }

    /// The nonce among `Extensions ::= SEQUENCE OF Extension`, `Extension ::= SEQUENCE { extnID, critical
    /// BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }`. The value is the DER of an OCTET STRING (RFC 8954);
    /// responders that put the bare bytes are read too.
    private static func nonce(inExtensions node: ASN1Node) throws -> [UInt8]? {
        var found: [UInt8]?
        try DER.sequence(node, identifier: .sequence) { extensions in
            while let item = extensions.next() {
                try DER.sequence(item, identifier: .sequence) { parts in
                    let oid = try ASN1ObjectIdentifier(derEncoded: &parts)
                    guard var value = parts.next() else {
                        throw OCSPError.malformedResponse("an extension has no value")
                    }
                    if value.identifier == .boolean, let next = parts.next() { value = next }
                    let bytes = try ASN1OctetString(derEncoded: value).bytes
                    guard oid == .OCSP.nonce else { return }
                    if let inner = try? ASN1OctetString(derEncoded: bytes) {
                        found = Array(inner.bytes)
                    } else {
                        found = Array(bytes)
                    }
                }
            }
        }
        return found
    }

    public func derEncoded() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            switch responderID {
            case .byName(let name):
                try coder.serialize(name, explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific)
            case .byKey(let hash):
                try coder.serialize(
                    ASN1OctetString(contentBytes: hash[...]), explicitlyTaggedWithTagNumber: 2,
                    tagClass: .contextSpecific)
            }
            try coder.serialize(GeneralizedTime(wholeSecondsOf: producedAt))
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                for response in responses { try response.serialize(into: &coder) }
            }
            if let nonce {
                let tag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                try coder.appendConstructedNode(identifier: tag) { coder in
                    try coder.appendConstructedNode(identifier: .sequence) { coder in
                        try OCSPRequestMessage.serializeNonceExtension(nonce, into: &coder)
                    }
                }
            }
        }
        return coder.serializedBytes
    }
}

extension GeneralizedTime {
    /// `date` to the second, in UTC.
    init(wholeSecondsOf date: Date) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        try self.init(
            year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hours: parts.hour ?? 0,
            minutes: parts.minute ?? 0, seconds: parts.second ?? 0, fractionalSeconds: 0)
    }
}
