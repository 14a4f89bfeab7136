import CorePlatformAPI
import Foundation

/// Where a download job puts each sealed file in the plis folder:
/// `<consultation reference>/pli-<n> - <company>/<envelope kind>/<file name>`, each part reduced to a
/// plain name (no `/`, no `..`, no control characters, not hidden).
enum PlisFolderLayout {
    static func destination(
        in folder: URL, consultation: String, pli: PlatformAPI.RemoteJobDescriptor.Pli, envelope: String, file: String
    ) -> URL {
        folder.appendingPathComponent(safe(consultation), isDirectory: true)
            .appendingPathComponent("pli-\(pli.number) - \(safe(pli.company))", isDirectory: true)
            .appendingPathComponent(safe(envelope), isDirectory: true)
            .appendingPathComponent(safe(file))
    }

    /// `name` as one harmless path component.
    static func safe(_ name: String) -> String {
        var text = String(
            String.UnicodeScalarView(
                name.unicodeScalars.map { scalar in
                    scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control ? "_" : scalar
                }))
        text = text.trimmingCharacters(in: .whitespaces)
        while text.hasPrefix(".") { text.removeFirst() }
        if text.utf8.count > 200 { text = String(text.prefix(150)) }
        return text.isEmpty ? "_" : text
    }

    /// The plis folder by default: `$XDG_DOWNLOAD_DIR/Sceau`, else `~/Téléchargements/Sceau`.
    static var defaultFolder: URL {
        let environment = ProcessInfo.processInfo.environment
        if let downloads = environment["XDG_DOWNLOAD_DIR"], !downloads.isEmpty {
            return URL(fileURLWithPath: downloads, isDirectory: true).appendingPathComponent("Sceau", isDirectory: true)
        }
        return URL(fileURLWithPath: NSHomeDirectory(), isDirectory: true)
            .appendingPathComponent("Téléchargements/Sceau", isDirectory: true)
    }
}
