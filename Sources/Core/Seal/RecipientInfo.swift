import SwiftASN1

/// One recipient of a sealed pli (RFC 5652 §6.2).
///
/// ```
/// RecipientInfo ::= CHOICE {
///   ktri KeyTransRecipientInfo,
///   kari [1] KeyAgreeRecipientInfo,
///   kekri [2] KEKRecipientInfo,
///   pwri [3] PasswordRecipientInfo,
///   ori [4] OtherRecipientInfo }
/// ```
/// Sceau writes ktri and kari; kekri, pwri and ori are read as `other` and skipped.
enum RecipientInfo: DERParseable, DERSerializable, Sendable {
    case keyTransport(KeyTransRecipientInfo)
    case keyAgreement(KeyAgreeRecipientInfo)
    case other(tagNumber: UInt)

    /// The RecipientInfo's own version, for the EnvelopedData version rule (RFC 5652 §6.1).
    var version: Int {
        switch self {
        case .keyTransport(let info): info.version
        case .keyAgreement: 3
        case .other: 4
        }
    }

    init(derEncoded node: ASN1Node) throws {
        if node.identifier == .sequence {
            self = .keyTransport(try KeyTransRecipientInfo(derEncoded: node))
        } else if node.identifier == KeyAgreeRecipientInfo.defaultIdentifier {
            self = .keyAgreement(try KeyAgreeRecipientInfo(derEncoded: node))
        } else if node.identifier.tagClass == .contextSpecific {
            self = .other(tagNumber: node.identifier.tagNumber)
        } else {
            throw SealError.notASealedPli("a RecipientInfo of unknown form \(node.identifier)")
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        switch self {
        case .keyTransport(let info): try coder.serialize(info)
        case .keyAgreement(let info): try coder.serialize(info)
        case .other: throw SealError.unsupportedAlgorithm("writing a RecipientInfo other than ktri or kari")
        }
    }

    /// The identifiers of the recipients this RecipientInfo serves, for error messages.
    var readableRecipients: [String] {
        switch self {
        case .keyTransport(let info): [info.recipient.readable]
        case .keyAgreement(let info): info.recipientEncryptedKeys.map(\.recipient.readable)
        case .other(let tag): ["a recipient of kind [\(tag)] (password or key-encryption key)"]
        }
    }
}
