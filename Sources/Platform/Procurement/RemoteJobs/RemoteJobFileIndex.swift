import CorePlatformAPI
import PlatformKernel

/// The sealed files each job's descriptor lists, read once per job, and the files whose first access was
/// journaled: what serving a chunk needs without decoding the descriptor or reading the journal again.
/// Descriptors never change once signed; the caches are bounded and only spare work.
package actor RemoteJobFileIndex {
    package struct Entry: Sendable {
        package let depositID: Int64
        package let envelope: String
        package let file: PlatformAPI.RemoteJobDescriptor.File

        package init(depositID: Int64, envelope: String, file: PlatformAPI.RemoteJobDescriptor.File) {
            self.depositID = depositID
            self.envelope = envelope
            self.file = file
        }
    }

    private struct Served: Hashable {
        package let job: String
        package let file: Int64
    }

    private var files: [String: [Int64: Entry]] = [:]
    private var served: Set<Served> = []
    private let capacity = 1024

    /// The file `fileID` of the job's descriptor; `nil` when the descriptor does not list it.
    package func entry(_ fileID: Int64, of job: RemoteJob) throws -> Entry? {
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

    package func wasServed(_ fileID: Int64, of job: String) -> Bool { served.contains(Served(job: job, file: fileID)) }

    package func markServed(_ fileID: Int64, of job: String) {
        if served.count >= capacity * 64 { served.removeAll() }
        served.insert(Served(job: job, file: fileID))
    }
}
