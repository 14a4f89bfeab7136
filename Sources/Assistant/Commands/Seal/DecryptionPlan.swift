import ArgumentParser
import Foundation

/// The plis a `decrypt` run opens and where each plaintext goes: a file into the output folder under its
/// name without `.p7m`; a folder into a folder of the same name, its tree kept.
struct DecryptionPlan {
    struct Item {
        let input: URL
        let output: URL
    }

    let items: [Item]

    init(inputs: [String], outputDirectory: String) throws {
        let root = URL(fileURLWithPath: outputDirectory, isDirectory: true)
        let manager = FileManager.default
        var items: [Item] = []
        for path in inputs {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("\(path) does not exist: check the path.")
            }
            let input = URL(fileURLWithPath: path).standardizedFileURL
            if !isDirectory.boolValue {
                items.append(Item(input: input, output: root.appendingPathComponent(Self.plainName(of: input))))
                continue
            }
            let base = root.appendingPathComponent(input.lastPathComponent, isDirectory: true)
            let prefix = input.path.hasSuffix("/") ? input.path : input.path + "/"
            let files =
                (manager.enumerator(at: input, includingPropertiesForKeys: [.isRegularFileKey])?
                .compactMap { $0 as? URL } ?? [])
                .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                .filter { !$0.lastPathComponent.hasPrefix(".") }
                .sorted { $0.path < $1.path }
            for file in files {
                let relative = String(file.standardizedFileURL.path.dropFirst(prefix.count))
                let folder = (relative as NSString).deletingLastPathComponent
                let target = (folder.isEmpty ? base : base.appendingPathComponent(folder, isDirectory: true))
                items.append(Item(input: file, output: target.appendingPathComponent(Self.plainName(of: file))))
            }
        }
        self.items = items
    }

    /// The opened file's name: the sealed name without its `.p7m` (or `.p7e`, `.enc`) extension.
    static func plainName(of sealed: URL) -> String {
        let name = sealed.lastPathComponent
        for suffix in [".p7m", ".p7e", ".enc"] where name.lowercased().hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name + ".opened"
    }
}
