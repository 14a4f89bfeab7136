import SwiftASN1

/// The start of a sealed pli, read up to and including its recipientInfos: the content type, the
/// containers still open around the encrypted content, and the recipients. Shared by ``PliOpener``, which
/// goes on to decrypt, and ``PliEnvelope``, which stops there.
struct PliHeader {
    /// AuthEnvelopedData (AES-GCM) rather than EnvelopedData (AES-CBC).
    let authenticated: Bool
    /// The ContentInfo, its `[0]` content, and the envelope's fields: to check that they end where they should.
    let outer: BERContainer
    let wrapper: BERContainer
    let fields: BERContainer
    let recipients: [RecipientInfo]

    /// Reads the header from `reader`, which is left at the encryptedContentInfo.
    static func read(_ reader: BERStreamReader) throws -> PliHeader {
        let contentInfo = try reader.readHeader()
        guard contentInfo.isUniversal(16), contentInfo.constructed else {
            throw SealError.notASealedPli("it does not start with a CMS ContentInfo")
        }
        let outer = reader.enter(contentInfo)
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
        let wrapper = reader.enter(explicit)
        let envelope = try reader.readHeader()
        guard envelope.isUniversal(16), envelope.constructed else {
            throw SealError.notASealedPli("the envelope is not a SEQUENCE")
        }
        let fields = reader.enter(envelope)
        _ = try Int(derEncoded: try reader.readElement(maximum: 16))
        var header = try reader.readHeader()
        if header.isContext(0) {  // originatorInfo: certificates and CRLs, not needed to open
            _ = try reader.readElement(after: header)
            header = try reader.readHeader()
        }
        guard header.isUniversal(17), header.constructed else {
            throw SealError.notASealedPli("the envelope has no recipientInfos")
        }
        return PliHeader(
            authenticated: authenticated, outer: outer, wrapper: wrapper, fields: fields,
            recipients: try parseRecipients(try reader.readElement(after: header)))
    }

    private static func parseRecipients(_ encoded: [UInt8]) throws -> [RecipientInfo] {
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
        return infos
    }
}
