/// A pli that cannot be sealed or opened, with what the user should do about it.
public enum SealError: Error, Equatable, CustomStringConvertible {
    /// The input is not a sealed pli (CMS EnvelopedData or AuthEnvelopedData); the detail says what was found.
    case notASealedPli(String)

    public var description: String {
        switch self {
        case .notASealedPli(let detail):
            "This file is not a sealed pli (\(detail)). Check that you chose an encrypted file (.p7m)."
        }
    }
}
