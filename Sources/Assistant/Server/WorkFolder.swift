import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private folder (0700) for one job's files under the assistant's work directory, held by this process
/// through an exclusive `flock` on its `.owner` file. The kernel releases the lock when the process ends,
/// however it ends: a folder whose lock is free was left by a killed or crashed assistant, and
/// ``sweep(_:)`` removes it at the next start, while the folders of a running assistant stay.
final class WorkFolder: Sendable {
    /// The folder; the job's files go inside.
    let url: URL
    private let lock: Int32

    static let ownerFileName = ".owner"
    /// Folders without an owner file (left by an older assistant) are removed once this old, in seconds.
    static let unownedAge: TimeInterval = 24 * 3600

    /// Creates `<directory>/<prefix><UUID>` and takes its lock.
    init(in directory: URL, prefix: String = "") throws {
        url = directory.appendingPathComponent(prefix + UUID().uuidString, isDirectory: true)
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let path = url.appendingPathComponent(Self.ownerFileName).path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: url)
            throw CocoaError(
                .fileWriteUnknown,
                userInfo: [NSLocalizedDescriptionKey: "cannot create \(path): \(reason); check the work folder"])
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
            throw CocoaError(.fileLocking, userInfo: [NSLocalizedDescriptionKey: "cannot lock \(path)"])
        }
        lock = descriptor
    }

    /// Removes the folder and everything in it; the lock goes with the object.
    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    deinit { close(lock) }

    /// Removes the folders of `directory` that no living process holds: their owner file's lock is free,
    /// or they have none and are older than ``unownedAge``. Returns the folders removed.
    @discardableResult
    static func sweep(_ directory: URL, now: Date = Date()) -> [URL] {
        let manager = FileManager.default
        guard
            let children = try? manager.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: [.isDirectoryKey, .contentModificationDateKey])
        else { return [] }
        var removed: [URL] = []
        for child in children {
            let values = try? child.resourceValues(forKeys: [.isDirectoryKey, .contentModificationDateKey])
            guard values?.isDirectory == true else { continue }
            let owner = child.appendingPathComponent(ownerFileName).path
            let orphan: Bool
            if manager.fileExists(atPath: owner) {
                orphan = isFree(owner)
            } else {
                let modified = values?.contentModificationDate ?? now
                orphan = now.timeIntervalSince(modified) > unownedAge
            }
            if orphan, (try? manager.removeItem(at: child)) != nil { removed.append(child) }
        }
        return removed
    }

    /// Whether nobody holds the lock of the owner file at `path`.
    private static func isFree(_ path: String) -> Bool {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }
}
