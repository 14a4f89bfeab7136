import CorePlatformAPI

/// The sealed files each job's descriptor lists, read once per job, and the files whose first access was
/// journaled: what serving a chunk needs without decoding the descriptor or reading the journal again.
/// Descriptors never change once signed; the caches are bounded and only spare work.
actor RemoteJobFileIndex {
    struct Entry: Sendable {
        let depositID: Int64
        let envelope: String
        let file: PlatformAPI.RemoteJobDescriptor.File
    }

    private struct Served: Hashable {
        let job: String
        let file: Int64
    }

    private var files: [String: [Int64: Entry]] = [:]
    private var served: Set<Served> = []
    private let capacity = 1024

    /// The file `fileID` of the job's descriptor; `nil` when the descriptor does not list it.
    func entry(_ fileID: Int64, of job: RemoteJob) throws -> Entry? {
        if let known = files[job.id] { return known[fileID] }
        var entries: [Int64: Entry] = [:]
        for pli in try job.descriptor().plis {
            for envelope in pli.envelopes {
                for file in envelope.files {
                    entries[file.id] = Entry(depositID: pli.depositID, envelope: envelope.kind, file: file)
                }
            }
        }
        if files.count >= capacity { files.removeAll() }
        files[job.id] = entries
        return entries[fileID]
    }

    func wasServed(_ fileID: Int64, of job: String) -> Bool { served.contains(Served(job: job, file: fileID)) }

    func markServed(_ fileID: Int64, of job: String) {
        if served.count >= capacity * 64 { served.removeAll() }
        served.insert(Served(job: job, file: fileID))
    }
}
