import CoreModel
import Crypto
import Foundation

/// What a deposit run keeps on disk to resume after a crash or a network cut: the deposit's id and, per
/// file, the sealed copy (sealing draws a fresh key, so the same sealed bytes must be sent again).
struct DepositState: Codable, Sendable {
    /// A file given with `--envelope ENV=FILE`, and its sealed copy in the state directory.
    struct Entry: Codable, Sendable, Equatable {
        let envelope: String
        /// The absolute path of the file given.
        let source: String
        let sourceSize: Int64
        let sourceModified: Double
        /// The name sent to the platform (the file's name, plus `.p7m` when sealed).
        let name: String
        /// The sealed copy's file name in the state directory (or the source itself when not sealed).
        let upload: String
        let size: Int64
        let sha256: String
    }

    let platform: String
    let consultation: String
    let login: String
    var depositID: Int64?
    var files: [Entry]

    static let fileName = "state.json"

    /// The state directory of a command line: the same platform, consultation, login and files give the
    /// same directory, so running the same command again resumes.
    static func directory(
        base: URL, platform: String, consultation: String, login: String, files: [(String, String)]
    ) -> URL {
        let key = ([platform, consultation, login] + files.map { "\($0.0)=\($0.1)" }).joined(separator: "\n")
        let digest = SHA256.hash(data: Data(key.utf8)).prefix(8).hex
        let safe = consultation.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return base.appendingPathComponent("\(String(safe))-\(digest)", isDirectory: true)
    }

    /// The default base: `$XDG_STATE_HOME/sceau/deposits`, else `~/.local/state/sceau/deposits`.
    static func defaultBase(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let root =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/state")
        return root.appendingPathComponent("sceau/deposits", isDirectory: true)
    }

    static func load(from directory: URL) -> DepositState? {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path)
        else { return nil }
        return try? JSONDecoder().decode(DepositState.self, from: data)
    }

    func save(to directory: URL) throws(DepositError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(self).write(to: directory.appendingPathComponent(Self.fileName), options: .atomic)
        } catch {
            throw .failed("Cannot write the deposit state in \(directory.path) (\(error)): check its permissions.")
        }
    }

    /// The SHA-256 of a file, read in 1 MiB blocks.
    static func sha256(of url: URL) throws(DepositError) -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw .failed("Cannot read \(url.path): check its permissions.")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while true {
            let block: Data?
            do {
                block = try handle.read(upToCount: 1 << 20)
            } catch {
                throw .failed("Cannot read \(url.path) (\(error)).")
            }
            guard let block, !block.isEmpty else { break }
            hasher.update(data: block)
        }
        return hasher.finalize().hex
    }
}
