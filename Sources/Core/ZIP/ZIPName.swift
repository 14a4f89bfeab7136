import Foundation

/// Rules on entry names shared by the writer and the reader.
public enum ZIPName {
    /// A relative path that stays inside the archive: not empty, no leading `/` or `\`, no drive letter, no
    /// `..` component, no NUL, no backslash (a separator on Windows).
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        let scalars = Array(path.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return false }
        return !path.split(separator: "/", omittingEmptySubsequences: false).contains("..")
    }

    /// The key two names collide on: the same text once Unicode-normalised (NFC), so "é" composed and
    /// decomposed are one name, as they are one file on most file systems.
    static func collisionKey(_ name: String) -> String { name.precomposedStringWithCanonicalMapping }
}
