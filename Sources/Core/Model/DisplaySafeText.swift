/// Characters that must not reach a name shown to a person: the C0 and C1 controls, and the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make "offre\u{202E}fdp.exe" read
/// "offreexe.pdf".
public enum DisplaySafeText {
    /// Whether `scalar` is a control or a bidirectional override.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Whether `text` holds a control or a bidirectional override.
    public static func containsUnsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isUnsafe)
    }

    /// `text` without its controls and bidirectional overrides.
    public static func stripped(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isUnsafe($0) })
        return String(scalars)
    }
}
