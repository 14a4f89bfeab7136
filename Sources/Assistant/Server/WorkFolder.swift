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
        try Self.preparePrivate(directory)
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

    /// Creates `directory` (0700) when it is missing; refuses it when it is a symbolic link, belongs to another
    /// user, or lets the group or others in: another user could read the files to sign, or swap them.
    static func preparePrivate(_ directory: URL) throws {
        let path = directory.path
        try FileManager.default.createDirectory(
            at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        if mkdir(path, 0o700) != 0, errno != EEXIST {
            throw refusal(path, String(cString: strerror(errno)))
        }
        try checkPrivate(path)
    }

    /// Refuses `path` unless it is a directory (not a link) of this user's own, closed to the group and others.
    static func checkPrivate(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw refusal(path, String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw refusal(path, "not a directory") }
        guard info.st_uid == getuid() else { throw refusal(path, "owned by user \(info.st_uid), not by this user") }
        guard info.st_mode & 0o077 == 0 else {
            throw refusal(path, "mode \(String(info.st_mode & 0o777, radix: 8)) lets other users in (chmod 700 it)")
        }
    }

    private static func refusal(_ path: String, _ reason: String) -> CocoaError {
        CocoaError(
            .fileWriteNoPermission,
            userInfo: [NSLocalizedDescriptionKey: "refusing the work folder \(path): \(reason)"])
    }

    /// Removes the folders of `directory` that no living process holds: their owner file's lock is free,
    /// or they have none and are older than ``unownedAge``. Returns the folders removed.
    @discardableResult
    static func sweep(_ directory: URL, now: Date = Date()) -> [URL] {
        let manager = FileManager.default
        // Only a folder of this user's own: never remove what another user laid out.
        guard (try? checkPrivate(directory.path)) != nil,
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
