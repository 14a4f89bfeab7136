/// How a sealed pli names each recipient certificate.
public enum RecipientIdentifierKind: String, Sendable, Equatable, Hashable, CaseIterable {
    /// issuerAndSerialNumber: the certificate's issuer name and serial number (the default).
    case issuerAndSerialNumber
    /// subjectKeyIdentifier: the certificate's subject key identifier extension.
    case subjectKeyIdentifier
}
