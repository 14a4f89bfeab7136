import Foundation
import SwiftASN1
import X509

/// The outside of a sealed pli: its kind and its recipients, read from the first bytes only, without
/// any key. The platform uses it to check that a deposited file is sealed, and sealed for every
/// certificate the consultation requires, without ever seeing the content.
public struct PliEnvelope: Sendable {
    /// AuthEnvelopedData (AES-GCM) rather than EnvelopedData (AES-CBC).
    public let authenticated: Bool
    let recipients: [RecipientInfo]

    /// Reads the envelope's header of the pli at `url` (a few kilobytes at most).
    public static func inspect(_ url: URL) throws -> PliEnvelope {
        let reader = BERStreamReader(try InputFile(url))
        let contentInfo = try reader.readHeader()
        guard contentInfo.isUniversal(16), contentInfo.constructed else {
            throw SealError.notASealedPli("it does not start with a CMS ContentInfo")
        }
        _ = reader.enter(contentInfo)
        let contentType = try ASN1ObjectIdentifier(derEncoded: try reader.readElement(maximum: 64))
        let authenticated: Bool
        switch contentType {
        case .Seal.authEnvelopedData: authenticated = true
        case .Seal.envelopedData: authenticated = false
        default: throw SealError.notASealedPli("its content type is \(contentType)")
        }
        let explicit = try reader.readHeader()
        guard explicit.isContext(0), explicit.constructed else {
            throw SealError.notASealedPli("the ContentInfo has no content")
        }
        _ = reader.enter(explicit)
        let envelope = try reader.readHeader()
        guard envelope.isUniversal(16), envelope.constructed else {
            throw SealError.notASealedPli("the envelope is not a SEQUENCE")
        }
        _ = reader.enter(envelope)
        _ = try Int(derEncoded: try reader.readElement(maximum: 16))
        var header = try reader.readHeader()
        if header.isContext(0) {
            _ = try reader.readElement(after: header)
            header = try reader.readHeader()
        }
        guard header.isUniversal(17), header.constructed else {
            throw SealError.notASealedPli("the envelope has no recipientInfos")
        }
        let encoded = try reader.readElement(after: header, maximum: 1 << 20)
        let node: ASN1Node
        do {
            node = try (try? DER.parse(encoded)) ?? BER.parse(encoded)
        } catch {
            throw SealError.notASealedPli("its recipientInfos cannot be parsed: \(error)")
        }
        guard case .constructed(let children) = node.content else {
            throw SealError.notASealedPli("its recipientInfos are not a SET")
        }
        var infos: [RecipientInfo] = []
        for child in children {
            do {
                infos.append(try RecipientInfo(derEncoded: child))
            } catch {
                throw SealError.notASealedPli("a RecipientInfo cannot be parsed: \(error)")
            }
        }
        return PliEnvelope(authenticated: authenticated, recipients: infos)
    }

    /// Whether a recipient of the pli is this certificate (by issuer and serial, or by key identifier).
    public func isSealed(for certificate: Certificate) -> Bool {
        recipients.contains { $0.serves(certificate) }
    }

    /// The recipients in readable form, for error messages.
    public var recipientDescriptions: [String] { recipients.flatMap(\.readableRecipients) }
}
