import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes that survive a crash: a file replaced atomically (temporary name, fsync, rename, fsync of the
/// folder) and lines appended and fsynced. Blocking: call from ``offCooperativePool(_:)`` on hot paths.
enum DurableFile {
    /// Replaces `url` with `data` (mode 0600) so that a crash leaves either the old or the new content.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("open", temporary) }
        do {
            try writeAll(fd, data, path: temporary)
            guard fsync(fd) == 0 else { throw failure("fsync", temporary) }
            close(fd)
        } catch {
            close(fd)
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else { throw failure("rename", url) }
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// Appends `line` and a newline to `url` (created mode 0600) and fsyncs it. A crash may leave a
    /// last line without its newline: readers ignore it.
    static func append(line: String, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("open", url) }
        defer { close(fd) }
        try writeAll(fd, Data((line + "\n").utf8), path: url)
        guard fsync(fd) == 0 else { throw failure("fsync", url) }
    }

    /// The complete lines of `url` (none when it does not exist).
    static func lines(of url: URL) -> [Substring] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The last element follows the last newline: empty, or a line cut by a crash.
        lines.removeLast()
        return lines
    }

    /// Makes a rename or a creation in `directory` durable.
    static func syncDirectory(_ directory: URL) throws {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure("open", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure("fsync", directory) }
    }

    /// Creates `directory` and its parents with mode 0700.
    static func makeDirectory(_ directory: URL) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    static func writeAll(_ fd: Int32, _ data: Data, at offset: Int64? = nil, path: URL) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var written = 0
            while written < buffer.count {
                let base = buffer.baseAddress!.advanced(by: written)
                let count = buffer.count - written
                let result =
                    if let offset { pwrite(fd, base, count, off_t(offset) + off_t(written)) } else {
                        Glibc.write(fd, base, count)
                    }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw failure("write", path)
                }
                written += result
            }
        }
    }

    static func failure(_ call: String, _ url: URL) -> RemoteJobError {
        .failed("Écriture impossible de \(url.path) (\(call) : \(String(cString: strerror(errno)))).")
    }
}
