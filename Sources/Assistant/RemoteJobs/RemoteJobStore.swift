import Foundation

/// The remote jobs' state on disk, under `<state directory>/jobs/<id>/` (folders 0700, files 0600):
/// `job.json` (``RemoteJobState``, replaced atomically), `chunks-<fileID>.log` (the indexes of the
/// chunks whose bytes are fsynced, one a line, appended after each chunk). An online opening keeps
/// nothing but its state: it fetches only the sealed files' headers, in memory.
///
/// Blocking file I/O: callers on the cooperative pool go through ``offCooperativePool(_:)``.
struct RemoteJobStore: Sendable {
    /// `<state directory>/jobs`.
    let root: URL

    init(stateDirectory: URL) {
        root = stateDirectory.appendingPathComponent("jobs", isDirectory: true)
    }

    /// Whether `id` can name a job folder: a UUID as the platform writes it.
    static func isValidID(_ id: String) -> Bool {
        UUID(uuidString: id) != nil && id.count == 36
    }

    func directory(_ id: String) -> URL { root.appendingPathComponent(id, isDirectory: true) }

    func load(_ id: String) throws -> RemoteJobState? {
        let file = directory(id).appendingPathComponent("job.json")
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        do {
            return try Self.decoder.decode(RemoteJobState.self, from: data)
        } catch {
            throw RemoteJobError.failed("L'état du traitement \(id) est illisible (\(file.path)) : \(error).")
        }
    }

    func save(_ state: RemoteJobState, id: String) throws {
        var state = state
        state.updatedAt = Date()
        try DurableFile.makeDirectory(directory(id))
        try DurableFile.write(try Self.encoder.encode(state), to: directory(id).appendingPathComponent("job.json"))
    }

    /// Every job of the store, oldest first; unreadable ones are left out.
    func all() -> [(id: String, state: RemoteJobState)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter(Self.isValidID).compactMap { id in (try? load(id))?.map { (id, $0) } }
            .sorted { $0.state.createdAt < $1.state.createdAt }
    }

    private func chunkLog(_ id: String, file: Int64) -> URL {
        directory(id).appendingPathComponent("chunks-\(file).log")
    }

    /// The chunks of `file` already on disk and fsynced.
    func recordedChunks(_ id: String, file: Int64) -> Set<Int> {
        Set(DurableFile.lines(of: chunkLog(id, file: file)).compactMap { Int($0) })
    }

    /// Records chunks `indices` of `file` in one durable append, once their bytes are synced.
    func recordChunks(_ id: String, file: Int64, _ indices: [Int]) throws {
        guard !indices.isEmpty else { return }
        try DurableFile.append(line: indices.map(String.init).joined(separator: "\n"), to: chunkLog(id, file: file))
    }

    /// Forgets the chunks of `file` (its partial file is gone or done with).
    func forgetChunks(_ id: String, file: Int64) {
        try? FileManager.default.removeItem(at: chunkLog(id, file: file))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
