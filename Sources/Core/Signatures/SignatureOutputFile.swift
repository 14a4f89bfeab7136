import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a signature output next to its final name and puts it in place only when complete, never
/// replacing an existing file (a killed process leaves a hidden `.part` file, not a false signature).
struct SignatureOutputFile {
    /// Writes `bytes` to `destination`; fails if `destination` exists.
    static func write(_ bytes: [UInt8], to destination: URL) throws(SignatureError) {
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).part")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .outputFailed(path: destination.path, reason: String(cString: strerror(errno)))
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress! + written, raw.count - written)
            }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(temporary.path)
                throw .outputFailed(path: destination.path, reason: reason)
            }
            written += count
        }
        guard close(descriptor) == 0 else {
            unlink(temporary.path)
            throw .outputFailed(path: destination.path, reason: String(cString: strerror(errno)))
        }
        try place(temporary, at: destination)
    }

    /// Moves a complete `temporary` file to `destination` without replacing anything there.
    static func place(_ temporary: URL, at destination: URL) throws(SignatureError) {
        defer { unlink(temporary.path) }
        guard link(temporary.path, destination.path) == 0 else {
            let reason = errno == EEXIST ? "the file exists already" : String(cString: strerror(errno))
            throw .outputFailed(path: destination.path, reason: reason)
        }
    }
}
