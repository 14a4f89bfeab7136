import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one node allowed on a SQLite database: an exclusive `flock` on `<database>.lock` beside it (in the data
/// directory by default), held while the platform serves. The kernel releases it when the process ends, even by
/// kill -9, so a crash never blocks a restart; a second `serve` on the same file is refused while it is held.
package final class SQLiteNodeLock: Sendable {
    package let path: String
    private let descriptor: Int32

    /// Takes the lock of the SQLite database at `databasePath`, or throws ``StorageError/sqliteInUse(path:)``.
    package init(databasePath: String) throws(StorageError) {
        path = databasePath + ".lock"
        let directory = (databasePath as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError.cannotCreateDataDirectory(path: directory, reason: error.localizedDescription)
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw StorageError.cannotCreateDataDirectory(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw StorageError.sqliteInUse(path: databasePath) }
            throw StorageError.cannotCreateDataDirectory(path: path, reason: String(cString: strerror(code)))
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Releases the lock now (closing the descriptor releases it too).
    package func release() {
        flock(descriptor, LOCK_UN)
    }
}
