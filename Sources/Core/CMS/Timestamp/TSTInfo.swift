import Foundation
import SwiftASN1

/// The content of a time-stamp token (RFC 3161 §2.4.2): what was stamped, when, and by which policy.
///
/// ```
/// TSTInfo ::= SEQUENCE { version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
///   serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
///   ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, tsa [0] GeneralName OPTIONAL,
///   extensions [1] IMPLICIT Extensions OPTIONAL }
/// ```
public struct TSTInfo: Hashable, Sendable {
    public let policy: ASN1ObjectIdentifier
    public let imprint: MessageImprint
    public let serialNumber: [UInt8]
    public let genTime: Date
    public let nonce: [UInt8]?

    public init(derEncoded bytes: [UInt8]) throws {
        let root = try DER.parse(bytes)
        self = try DER.sequence(root, identifier: .sequence) { nodes in
            _ = try Int(derEncoded: &nodes)
            let policy = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let imprint = try MessageImprint(derEncoded: &nodes)
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            let time = try GeneralizedTime(derEncoded: &nodes)
            var nonce: [UInt8]?
            while let node = nodes.next() {
                if node.identifier == .integer { nonce = Array(try ArraySlice<UInt8>(derEncoded: node)) }
            }
            return TSTInfo(
                policy: policy, imprint: imprint, serialNumber: Array(serial), genTime: Date(time), nonce: nonce)
        }
    }

    private init(
        policy: ASN1ObjectIdentifier, imprint: MessageImprint, serialNumber: [UInt8], genTime: Date, nonce: [UInt8]?
    ) {
        self.policy = policy
        self.imprint = imprint
        self.serialNumber = serialNumber
        self.genTime = genTime
        self.nonce = nonce
    }
}

extension Date {
    /// The instant a GeneralizedTime names (UTC).
    init(_ time: GeneralizedTime) {
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = time.year
        components.month = time.month
        components.day = time.day
        components.hour = time.hours
        components.minute = time.minutes
        components.second = time.seconds
        let whole = components.date ?? Date(timeIntervalSince1970: 0)
        self = whole.addingTimeInterval(time.fractionalSeconds)
    }

    /// The instant a UTCTime names.
    init(_ time: UTCTime) {
        var components = DateComponents()
        components.calendar = Calendar(identifier: .gregorian)
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = time.year
        components.month = time.month
        components.day = time.day
        components.hour = time.hours
        components.minute = time.minutes
        components.second = time.seconds
        self = components.date ?? Date(timeIntervalSince1970: 0)
    }
}
