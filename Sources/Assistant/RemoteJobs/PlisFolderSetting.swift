import Foundation

/// The plis folder the user chose on the local page, kept in one line of the configuration directory
/// (`plis-folder`), so that it survives restarts; `serve --plis-folder` overrides it.
enum PlisFolderSetting {
    /// The saved folder, if the user chose one.
    static func load(from file: URL) -> URL? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? URL(fileURLWithPath: path, isDirectory: true) : nil
    }

    /// Checks `path` (absolute, a folder that exists or can be made, writable), makes it, saves it.
    static func choose(_ path: String, savingTo file: URL) throws(PlisFolderError) -> URL {
        let trimmed = path.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("/"), !trimmed.contains("\u{0}"), !trimmed.split(separator: "/").contains("..")
        else { throw .notAbsolute(path) }
        let folder = URL(fileURLWithPath: trimmed, isDirectory: true).standardizedFileURL
        do {
            try FileManager.default.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unusable(folder.path, reason: error.localizedDescription)
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw .unusable(folder.path, reason: "pas de droit d'écriture")
        }
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
            try Data((folder.path + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            throw .unusable(file.path, reason: error.localizedDescription)
        }
        return folder
    }
}

/// Why a plis folder cannot be used, and what to do.
enum PlisFolderError: Error, Equatable, CustomStringConvertible {
    case notAbsolute(String)
    case unusable(String, reason: String)

    var description: String {
        switch self {
        case .notAbsolute(let path):
            "« \(path) » n'est pas un chemin absolu : donnez le dossier complet, par exemple /home/agent/Plis."
        case .unusable(let path, let reason):
            "Le dossier \(path) ne peut pas servir (\(reason)) : choisissez-en un où vous pouvez écrire."
        }
    }
}
