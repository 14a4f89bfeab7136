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

    /// Loads the store; a missing file is an empty store, a damaged one an error.
    init(file: URL) throws(PairingError) {
        self.file = file
        pairings = try Self.load(file)
    }

    /// Whether `origin` (as a browser sends it in `Origin`) is paired.
    func isPaired(_ originHeader: String) -> Bool {
        guard let origin = try? PlatformOrigin(originHeader) else { return false }
        return pairings[origin] != nil
    }

    func all() -> [Pairing] { pairings.values.sorted { $0.origin.value < $1.origin.value } }

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
        try encoder.encode(all()).write(to: file, options: .atomic)
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
