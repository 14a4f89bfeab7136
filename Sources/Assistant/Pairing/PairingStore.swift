import Foundation

/// One platform the user allowed to use this assistant.
struct Pairing: Codable, Sendable, Equatable {
    let origin: PlatformOrigin
    /// The platform's public key (PEM), pinned at pairing to check the jobs it signs; `nil` until given.
    var publicKeyPEM: String?
    let pairedAt: Date
}

/// The paired platforms, kept in `pairings.json` in the assistant's configuration directory.
///
/// Only the user adds to it, outside any web page (the `pair` command or the local page): a page can
/// never pair itself.
actor PairingStore {
    let file: URL
    private var pairings: [PlatformOrigin: Pairing]
    /// When the file was last read: `sceau-assistant pair` changes it while the daemon runs.
    private var loadedModification: Date?

    /// Loads the store; a missing file is an empty store, a damaged one an error.
    init(file: URL) throws(PairingError) {
        self.file = file
        loadedModification = Self.modification(of: file)
        pairings = try Self.load(file)
    }

    /// Whether `origin` (as a browser sends it in `Origin`) is paired.
    func isPaired(_ originHeader: String) -> Bool {
        refresh()
        guard let origin = try? PlatformOrigin(originHeader) else { return false }
        return pairings[origin] != nil
    }

    /// The pairing of `origin`, if any.
    func pairing(_ origin: PlatformOrigin) -> Pairing? {
        refresh()
        return pairings[origin]
    }

    func all() -> [Pairing] {
        refresh()
        return pairings.values.sorted { $0.origin.value < $1.origin.value }
    }

    /// Re-reads the file when another process changed it; a damaged file keeps the last good pairings.
    private func refresh() {
        let modification = Self.modification(of: file)
        guard modification != loadedModification, let reloaded = try? Self.load(file) else { return }
        pairings = reloaded
        loadedModification = modification
    }

    private static func modification(of file: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date
    }

    /// Pairs (or re-pairs, replacing the pinned key) an origin and saves the store.
    func pair(_ origin: PlatformOrigin, publicKeyPEM: String?) throws {
        pairings[origin] = Pairing(origin: origin, publicKeyPEM: publicKeyPEM, pairedAt: Date())
        try save()
    }

    /// Removes a pairing; returns whether there was one.
    func unpair(_ origin: PlatformOrigin) throws -> Bool {
        guard pairings.removeValue(forKey: origin) != nil else { return false }
        try save()
        return true
    }

    private func save() throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(pairings.values.sorted { $0.origin.value < $1.origin.value }).write(
            to: file, options: .atomic)
        loadedModification = Self.modification(of: file)
    }

    private static func load(_ file: URL) throws(PairingError) -> [PlatformOrigin: Pairing] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [:] }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let list = try decoder.decode([Pairing].self, from: Data(contentsOf: file))
            return Dictionary(list.map { ($0.origin, $0) }, uniquingKeysWith: { $1 })
        } catch {
            throw .unreadableStore(path: file.path, reason: String(describing: error))
        }
    }
}
