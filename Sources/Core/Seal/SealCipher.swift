/// The content cipher of a sealed pli.
public enum SealCipher: String, Sendable, Equatable, Hashable, CaseIterable {
    /// AES-256-GCM in AuthEnvelopedData (RFC 5083, RFC 5084): authenticated, the default for new plis.
    case aes256GCM = "AES-256-GCM"
    /// AES-256-CBC in EnvelopedData (RFC 5652 §6, RFC 3565): for readers that only know EnvelopedData.
    case aes256CBC = "AES-256-CBC"
}
