import Foundation
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The export file of the journal's checkpoints (`serve --journal-checkpoints FILE`): one JSON line per
/// checkpoint, only ever appended to, a path the operator ships off the machine (or keeps append-only,
/// `chattr +a`).
///
/// Crash-safe: each line goes in one `write` on a descriptor opened with `O_APPEND`, then `fsync`. A crash
/// can leave the last line half-written: the next append starts on a new line, and reading skips a line
/// that is not a whole checkpoint with a warning.
package struct JournalCheckpointFile: Sendable {
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// What reading the file found: the checkpoints with their line numbers, and the torn lines.
    package struct Contents: Sendable {
        package var checkpoints: [(checkpoint: JournalCheckpoint, line: Int)] = []
        package var warnings: [String] = []

        package init(checkpoints: [(checkpoint: JournalCheckpoint, line: Int)] = [], warnings: [String] = []) {
            self.checkpoints = checkpoints
            self.warnings = warnings
        }
    }

    /// Appends `checkpoint` as one line and forces it to disk.
    package func append(_ checkpoint: JournalCheckpoint) async throws {
        let path = path
        try await NIOThreadPool.singleton.runIfActive { try Self.append(Array(checkpoint.line.utf8), to: path) }
    }

    private static func append(_ line: [UInt8], to path: String) throws {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else { throw FileStoreError.io(operation: "open", path: path, code: errno) }
        defer { POSIXFile.release(descriptor) }
        let size = try POSIXFile.size(descriptor, path: path)
        var bytes = line
        if size > 0 {
            var last: UInt8 = 0
            let count = try withUnsafeMutableBytes(of: &last) {
                try POSIXFile.read(descriptor, into: $0, at: size - 1, path: path)
            }
            // The previous write was torn: end that line, so that this one stands alone.
            if count == 1 && last != UInt8(ascii: "\n") { bytes.insert(UInt8(ascii: "\n"), at: 0) }
        }
        try bytes.withUnsafeBytes { try POSIXFile.writeAll(descriptor, $0, path: path) }
        try POSIXFile.sync(descriptor, path: path)
        if size == 0 {
            let directory = (path as NSString).deletingLastPathComponent
            try POSIXFile.syncDirectory(directory.isEmpty ? "." : directory)
        }
    }

    /// The checkpoints the file holds; a missing file throws.
    package func read() throws -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileStoreError.io(operation: "read", path: path, code: ENOENT)
        }
        var contents = Contents()
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, bytes) in lines.enumerated() where !bytes.isEmpty {
            let number = index + 1
            if let checkpoint = JournalCheckpoint(line: String(decoding: bytes, as: UTF8.self)) {
                contents.checkpoints.append((checkpoint, number))
            } else {
                let last = index == lines.count - 1
                contents.warnings.append(
                    "\(path) line \(number) is not a whole checkpoint (\(last ? "the last line, " : "")half-written "
                        + "when the platform stopped?): ignored")
            }
        }
        return contents
    }
}
