import Foundation

/// The layout of an ASiC-E container (ETSI EN 319 162-1): a ZIP whose first entry `mimetype` (stored, no
/// extra field) holds the container's MIME type, the signed files at the root (or in folders), and
/// `META-INF/` holding `manifest.xml` (OpenDocument manifest) and XAdES signature files
/// `META-INF/signatures<n>.xml`, each with one signature over some or all of the files.
public enum ASiCE {
    public static let mimeType = "application/vnd.etsi.asic-e+zip"
    public static let mimeTypeEntry = "mimetype"
    public static let manifestEntry = "META-INF/manifest.xml"
    /// The file name extensions of containers: `.asice` (and `.sce`, its short form).
    public static let fileExtensions: Set<String> = ["asice", "sce"]

    /// The name of the `n`th signature file (from 0).
    public static func signatureEntry(_ number: Int) -> String { "META-INF/signatures\(number).xml" }

    /// A XAdES signature file: `META-INF/` then a name containing "signatures", ending in `.xml`.
    public static func isSignatureEntry(_ name: String) -> Bool {
        guard name.hasPrefix("META-INF/") else { return false }
        let file = name.dropFirst("META-INF/".count)
        return !file.contains("/") && file.lowercased().contains("signatures") && file.lowercased().hasSuffix(".xml")
    }

    /// A signed-file entry: not `mimetype`, nothing under `META-INF/`, not a folder.
    public static func isDataEntry(_ name: String) -> Bool {
        name != mimeTypeEntry && !name.hasPrefix("META-INF/") && !name.hasSuffix("/")
    }

    /// Whether `url` names a container by its extension and begins as a ZIP archive does.
    public static func looksLikeContainer(_ url: URL) -> Bool {
        guard fileExtensions.contains(url.pathExtension.lowercased()),
            let handle = try? FileHandle(forReadingFrom: url)
        else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map(Array.init) == [0x50, 0x4B, 0x03, 0x04]
    }
}
