import CorePlatformAPI
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Fetches a job's sealed files chunk by chunk: HTTP range requests, ``parallel`` at a time, each
/// chunk checked against its SHA-256 in the signed descriptor (fetched again when wrong, up to
/// ``tries`` times), written at its offset in `<destination>.part`, fsynced, and only then recorded in
/// the store, so that a resumed job never fetches it again. Memory stays bounded by the chunks in
/// flight.
struct ChunkDownloader: Sendable {
    typealias File = PlatformAPI.RemoteJobDescriptor.File

    let client: JobPlatformClient
    let store: RemoteJobStore
    let jobID: String
    let chunkSize: Int
    let throttle: DownloadThrottle?
    let cancellation: CancellationFlag
    var parallel = 4
    var tries = 3

    /// The partial file beside `destination`.
    static func partial(_ destination: URL) -> URL {
        destination.deletingLastPathComponent().appendingPathComponent(destination.lastPathComponent + ".part")
    }

    /// Bytes of `file` already recorded (for progress after a resume).
    func recordedBytes(of file: File) -> Int64 {
        let recorded = store.recordedChunks(jobID, file: file.id)
        return recorded.reduce(0) { total, index in
            total + Int64(chunkRange(index, size: file.size).count)
        }
    }

    private func chunkRange(_ index: Int, size: Int64) -> Range<Int64> {
        let start = Int64(index) * Int64(chunkSize)
        return start..<min(size, start + Int64(chunkSize))
    }

    /// Fetches every chunk of `file` not recorded yet into `<destination>.part`; `received` is called with
    /// the size of each chunk written. `name` names the file in errors ("le fichier x du pli 2 (Société)").
    func fetch(
        _ file: File, to destination: URL, name: String, received: @escaping @Sendable (Int64) async -> Void
    ) async throws {
        let count = PlatformAPI.RemoteJobDescriptor.chunkCount(size: file.size, chunkSize: chunkSize)
        guard file.chunks.count == count else {
            throw RemoteJobError.failed(
                "Le descripteur signé est incohérent pour \(name) (\(file.chunks.count) empreintes pour \(count) "
                    + "morceaux) : signalez-le à la plateforme.")
        }
        let part = Self.partial(destination)
        try DurableFile.makeDirectory(destination.deletingLastPathComponent())
        if !FileManager.default.fileExists(atPath: part.path) { store.forgetChunks(jobID, file: file.id) }
        let fd = open(part.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DurableFile.failure("open", part) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(file.size)) == 0 else { throw DurableFile.failure("ftruncate", part) }
        let recorded = store.recordedChunks(jobID, file: file.id)
        let missing = (0..<count).filter { !recorded.contains($0) }
        let descriptor = Descriptor(fd)
        try await withThrowingTaskGroup(of: Void.self) { group in
            var pending = missing.makeIterator()
            var inFlight = 0
            while true {
                while inFlight < parallel, let index = pending.next() {
                    group.addTask {
                        try await fetchChunk(index, of: file, into: descriptor, part: part, name: name)
                        await received(Int64(chunkRange(index, size: file.size).count))
                    }
                    inFlight += 1
                }
                guard inFlight > 0 else { break }
                try await group.next()
                inFlight -= 1
            }
        }
    }

    /// An open file descriptor shared by the chunk tasks (pwrite is safe from several threads).
    private struct Descriptor: Sendable {
        let value: Int32
        init(_ value: Int32) { self.value = value }
    }

    private func fetchChunk(_ index: Int, of file: File, into fd: Descriptor, part: URL, name: String) async throws {
        let range = chunkRange(index, size: file.size)
        let expected = file.chunks[index].lowercased()
        for attempt in 1...tries {
            if cancellation.isCancelled { throw JobCancelled() }
            let bytes = try await client.chunk(file: file.id, range: range)
            try await throttle?.pass(bytes.count)
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            guard bytes.count == range.count, digest == expected else {
                if attempt == tries {
                    throw RemoteJobError.failed(
                        "Le \(name) est altéré sur la plateforme : le morceau \(index + 1) ne correspond pas à "
                            + "l'empreinte du descripteur signé, après \(tries) essais. Signalez-le à la plateforme.")
                }
                continue
            }
            let store = store
            let jobID = jobID
            try await offCooperativePool {
                try DurableFile.writeAll(fd.value, bytes, at: range.lowerBound, path: part)
                guard fsync(fd.value) == 0 else { throw DurableFile.failure("fsync", part) }
                try store.recordChunk(jobID, file: file.id, index: index)
            }
            return
        }
    }

    /// Once every chunk is there: checks the whole file's SHA-256 and renames `.part` to `destination`.
    func finish(_ file: File, at destination: URL, name: String) async throws {
        let part = Self.partial(destination)
        let store = store
        let jobID = jobID
        try await offCooperativePool {
            let digest = try Self.sha256(of: part)
            guard digest == file.sha256.lowercased() else {
                try? FileManager.default.removeItem(at: part)
                store.forgetChunks(jobID, file: file.id)
                throw RemoteJobError.failed(
                    "Le \(name) est altéré sur la plateforme : son empreinte SHA-256 ne correspond pas au "
                        + "descripteur signé. Signalez-le à la plateforme.")
            }
            guard rename(part.path, destination.path) == 0 else { throw DurableFile.failure("rename", destination) }
            try DurableFile.syncDirectory(destination.deletingLastPathComponent())
        }
    }

    /// The SHA-256 (hex) of a file, read 1 MiB at a time.
    static func sha256(of url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw DurableFile.failure("open", url) }
        defer { try? handle.close() }
        var hash = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hash.update(data: block) }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
