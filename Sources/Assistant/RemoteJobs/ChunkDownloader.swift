import CoreModel
import CorePlatformAPI
import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Fetches a job's sealed files chunk by chunk: HTTP range requests, ``parallel`` at a time, each
/// chunk checked against its SHA-256 in the signed descriptor (fetched again when wrong, up to
/// ``tries`` times) and written at its offset in `<destination>.part`.
///
/// Written chunks are recorded in the store in batches (group commit) while the next ones download:
/// one `fdatasync` of the partial file, then one durable append of their indices (``ChunkBatch``). A
/// resumed job never fetches a recorded chunk again, once it has read it back and found it still
/// matches its hash; a crash loses at most the chunks written since the last batch. The chunks' signed
/// hashes cover the whole file, so it is never read again to check it (the platform checks, when it
/// computes them, that its stored file still has its deposited hash). Memory stays bounded by the
/// chunks in flight.
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
    /// Once it returns, every chunk matches its signed hash and ``finish(_:at:)`` puts the file in place.
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
        let partFD = OpenFile(fd)
        let recorder = ChunkBatch.Recorder(
            store: store, jobID: jobID, file: file.id, fd: partFD, part: part)
        let recorded = store.recordedChunks(jobID, file: file.id)
        var batch = ChunkBatch()
        do {
            try await withThrowingTaskGroup(of: Event.self) { group in
                var pending = (0..<count).makeIterator()
                var chunks = 0
                var committing = false
                while true {
                    while chunks < parallel, let index = pending.next() {
                        let local = recorded.contains(index)
                        group.addTask {
                            .chunk(
                                try await checkedChunk(
                                    index, of: file, local: local, fd: partFD, part: part, name: name))
                        }
                        chunks += 1
                    }
                    if !committing, batch.isDue {
                        let indices = batch.take()
                        group.addTask {
                            try await recorder.record(indices)
                            return .recorded
                        }
                        committing = true
                    }
                    guard chunks > 0 || committing, let event = try await group.next() else { break }
                    switch event {
                    case .chunk(let chunk):
                        chunks -= 1
                        if chunk.written {
                            batch.add(chunk.index, size: chunk.size)
                            await received(Int64(chunk.size))
                        }
                    case .recorded:
                        committing = false
                    }
                }
            }
        } catch {
            // What was written and checked is kept for the next run.
            try? await recorder.record(batch.take())
            throw error
        }
        try await recorder.record(batch.take())
    }

    /// What a task of ``fetch(_:to:name:received:)`` ends with: a chunk, or a batch recorded.
    private enum Event: Sendable {
        case chunk(Chunk)
        case recorded
    }

    /// An open file descriptor shared by the chunk tasks (pwrite is safe from several threads).
    struct OpenFile: Sendable {
        let value: Int32
        init(_ value: Int32) { self.value = value }
    }

    /// A chunk checked against its hash: still right in the partial file (`written` false), or fetched
    /// and written there.
    private struct Chunk: Sendable {
        let index: Int
        let size: Int
        let written: Bool
    }

    /// Chunk `index`: a recorded (`local`) one is read back from the partial file and kept if it still
    /// matches its hash (a disk may lose what it acknowledged); any other is fetched, checked and
    /// written (not yet synced).
    private func checkedChunk(_ index: Int, of file: File, local: Bool, fd: OpenFile, part: URL, name: String)
        async throws -> Chunk
    {
        let range = chunkRange(index, size: file.size)
        let expected = file.chunks[index].lowercased()
        if local {
            let bytes = try await offCooperativePool { try Self.read(fd.value, range, path: part) }
            if SHA256.hash(data: bytes).hex == expected {
                return Chunk(index: index, size: bytes.count, written: false)
            }
        }
        var attempt = 1
        while true {
            if cancellation.isCancelled { throw JobCancelled() }
            let bytes = try await client.chunk(file: file.id, range: range)
            try await throttle?.pass(bytes.count)
            if bytes.count == range.count, SHA256.hash(data: bytes).hex == expected {
                try await offCooperativePool {
                    try DurableFile.writeAll(fd.value, bytes, at: range.lowerBound, path: part)
                }
                return Chunk(index: index, size: bytes.count, written: true)
            }
            guard attempt < tries else {
                throw RemoteJobError.failed(
                    "Le \(name) est altéré sur la plateforme : le morceau \(index + 1) ne correspond pas à "
                        + "l'empreinte du descripteur signé, après \(tries) essais. Signalez-le à la plateforme.")
            }
            attempt += 1
        }
    }

    private static func read(_ fd: Int32, _ range: Range<Int64>, path: URL) throws -> Data {
        var data = Data(count: range.count)
        let complete = try data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) -> Bool in
            var done = 0
            while done < buffer.count {
                let result = pread(
                    fd, buffer.baseAddress!.advanced(by: done), buffer.count - done,
                    off_t(range.lowerBound) + off_t(done))
                if result < 0, errno == EINTR { continue }
                guard result >= 0 else { throw DurableFile.failure("read", path) }
                if result == 0 { return false }
                done += result
            }
            return true
        }
        return complete ? data : Data()
    }

    /// Puts a fetched file in place: renames `.part` to `destination`, durably.
    func finish(_ file: File, at destination: URL) async throws {
        let part = Self.partial(destination)
        try await offCooperativePool {
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
        return hash.finalize().hex
    }
}
