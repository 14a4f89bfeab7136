/// A failure to open a key store or use a key in it, with what the user should do about it.
public enum KeyStoreError: Error, Equatable, CustomStringConvertible {
    /// The PKCS#12 file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The PKCS#12 passphrase is wrong (or the file is damaged).
    case wrongPassphrase(path: String)
    /// The store holds no private key with a matching certificate.
    case noKey(String)
    /// Several signing certificates are in the store and none was designated.
    case ambiguousKey(store: String, choices: [String])
    /// The key cannot sign with this scheme (e.g. PSS with an EC key).
    case unsupportedScheme(SignatureScheme, KeyType)
    /// The key could not decrypt: the data was not encrypted for this key, or was altered.
    case decryptionFailed
    /// The cryptographic library refused the operation.
    case cryptoFailure(String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "Cannot read \(path) (\(reason)). Check the path and the file's permissions."
        case .wrongPassphrase(let path):
            "The passphrase of \(path) is wrong, or the file is damaged. Type it again."
        case .noKey(let store):
            "\(store) holds no private key with its certificate. Choose another certificate."
        case .ambiguousKey(let store, let choices):
            "\(store) holds several signing certificates (\(choices.joined(separator: ", "))). Choose one with --key."
        case .unsupportedScheme(let scheme, let keyType):
            "A \(keyType) key cannot sign with \(scheme.rawValue). Choose another signature scheme."
        case .decryptionFailed:
            "This key cannot open the data: it was sealed for another key, or it was altered."
        case .cryptoFailure(let detail):
            "The cryptographic operation failed (\(detail))."
        }
    }
}
