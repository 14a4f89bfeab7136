/// A pli that cannot be sealed or opened, with what the user should do about it.
public enum SealError: Error, Equatable, CustomStringConvertible {
    /// The input is not a sealed pli (CMS EnvelopedData or AuthEnvelopedData); the detail says what was found.
    case notASealedPli(String)
    /// The sealed pli ends before its structure does: it was cut short (an interrupted download or copy).
    case truncated
    /// The authentication tag (AES-GCM) does not match: the pli was modified after it was sealed.
    case authenticationFailed
    /// The content decrypted but its last block's padding (AES-CBC) is wrong: altered, or a wrong key.
    case invalidPadding
    /// The plaintext's SHA-256 differs from the one the caller expected (e.g. from the bidder's own copy).
    case digestMismatch(expected: String, found: String)
    /// No RecipientInfo names the key's certificate; the recipients the pli was sealed for are listed.
    case notSealedForKey(key: String, recipients: [String])
    /// The key could not recover the content-encryption key (a wrong key, or an altered RecipientInfo).
    case keyRecoveryFailed(String)
    /// An algorithm the pli names is not one Sceau reads or writes.
    case unsupportedAlgorithm(String)
    /// A recipient certificate cannot receive a sealed pli (its key is neither RSA nor EC P-256/P-384).
    case unsupportedRecipient(String)
    /// Sealing needs at least one recipient certificate.
    case noRecipients
    /// A file could not be read or written.
    case fileFailure(path: String, reason: String)
    /// The cryptographic library refused an operation.
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .notASealedPli(let detail):
            "This file is not a sealed pli (\(detail)). Check that you chose an encrypted file (.p7m)."
        case .truncated:
            "The pli is incomplete: download it again."
        case .authenticationFailed:
            "The pli was altered: its authentication tag does not match its content. Download it again; if it "
                + "still fails, the deposited file is damaged and cannot be opened."
        case .invalidPadding:
            "The pli was altered, or it was opened with a wrong key: its content does not decrypt to valid "
                + "padding. Download it again and check the key."
        case .digestMismatch(let expected, let found):
            "The pli was altered: its content's SHA-256 is \(found), \(expected) was expected. "
                + "Download it again."
        case .notSealedForKey(let key, let recipients):
            "This pli was not sealed for your key (\(key)): use the key of the service it was sealed for, one "
                + "of: \(recipients.joined(separator: "; "))."
        case .keyRecoveryFailed(let detail):
            "Your key could not recover the pli's content key (\(detail)): the key is not the right one for "
                + "this pli, or the pli was altered."
        case .unsupportedAlgorithm(let detail):
            "The pli uses an algorithm Sceau does not support (\(detail)). Ask the bidder to seal it again "
                + "with Sceau."
        case .unsupportedRecipient(let detail):
            "This certificate cannot receive a sealed pli (\(detail)). Choose an RSA or EC P-256/P-384 "
                + "encryption certificate."
        case .noRecipients:
            "A pli must be sealed for at least one certificate: add the service's encryption certificates."
        case .fileFailure(let path, let reason):
            "Cannot read or write \(path) (\(reason)). Check the path, the free space and the permissions."
        case .cryptoFailure(let detail):
            "The cryptographic operation failed (\(detail))."
        }
    }
}
