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
        do {
            try Data(bytes).write(to: temporary, options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .outputFailed(path: destination.path, reason: error.localizedDescription)
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
