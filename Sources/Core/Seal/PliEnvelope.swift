import CoreTokens
import Foundation
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
        let header = try PliHeader.read(BERStreamReader(try InputFile(url)))
        return PliEnvelope(authenticated: header.authenticated, recipients: header.recipients)
    }

    /// Reads the envelope's header from the first bytes of a pli (e.g. fetched by an HTTP range request).
    /// Throws ``SealError/truncated`` when `bytes` end inside the header: fetch more and read again.
    public static func inspect(firstBytes bytes: [UInt8]) throws -> PliEnvelope {
        let header = try PliHeader.read(BERStreamReader(ByteArraySource(bytes)))
        return PliEnvelope(authenticated: header.authenticated, recipients: header.recipients)
    }

    /// The pli's content-encryption key, recovered with whichever of `keys` the pli was sealed for (the
    /// key stays in its store: only the wrapped key goes in, or the shared secret comes out).
    /// Throws ``SealError/notSealedForKey(key:recipients:)`` when none is a recipient.
    public func contentEncryptionKey(with keys: [any DecryptionKey]) throws -> ContentEncryptionKey {
        ContentEncryptionKey(bytes: try RecipientInfo.contentEncryptionKey(recipients, keys: keys))
    }

    /// Whether a recipient of the pli is this certificate (by issuer and serial, or by key identifier).
    public func isSealed(for certificate: Certificate) -> Bool {
        recipients.contains { $0.serves(certificate) }
    }

    /// The recipients in readable form, for error messages.
    public var recipientDescriptions: [String] { recipients.flatMap(\.readableRecipients) }
}
