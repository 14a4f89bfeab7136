import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The chunks of one file written since the last batch (group commit). A batch is due once it holds
/// ``bytes``, or as soon as a chunk comes more than ``interval`` after the one before (a slow link: each
/// chunk is then recorded as it comes); its ``Recorder`` then makes it durable.
struct ChunkBatch {
    /// Written bytes that make a batch due.
    static let bytes = 8 << 20
    /// The gap between two chunks that marks a slow link.
    static let interval = Duration.milliseconds(250)

    private var indices: [Int] = []
    private var size = 0
    private var lastChunk = ContinuousClock.now
    private var slow = false

    /// Adds a chunk written, not yet synced.
    mutating func add(_ index: Int, size: Int) {
        let now = ContinuousClock.now
        slow = slow || now - lastChunk >= Self.interval
        lastChunk = now
        indices.append(index)
        self.size += size
    }

    var isDue: Bool { !indices.isEmpty && (size >= Self.bytes || slow) }

    /// The batch's chunks; the batch is empty afterwards.
    mutating func take() -> [Int] {
        defer {
            indices = []
            size = 0
            slow = false
        }
        return indices
    }

    /// Records batches of one partial file: syncs its data, then appends their indices to the job's
    /// chunk log in one durable write, so a chunk is recorded only once its bytes are on disk.
    struct Recorder: Sendable {
        let store: RemoteJobStore
        let jobID: String
        let file: Int64
        let fd: ChunkDownloader.OpenFile
        let part: URL

        func record(_ indices: [Int]) async throws {
            guard !indices.isEmpty else { return }
            try await offCooperativePool { [self] in
                guard fdatasync(fd.value) == 0 else { throw DurableFile.failure("fdatasync", part) }
                try store.recordChunks(jobID, file: file, indices)
            }
        }
    }
}
