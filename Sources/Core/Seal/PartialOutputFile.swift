import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An output written to a temporary file beside its destination and renamed into place only by
/// ``commit()``; ``discard()`` (or dropping it uncommitted) deletes the temporary file.
final class PartialOutputFile {
    let destination: URL
    private let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushThreshold = 1 << 20

    init(destination: URL) throws {
        self.destination = destination
        let directory = destination.deletingLastPathComponent().path
        temporaryPath = "\(directory)/.\(destination.lastPathComponent).\(UUID().uuidString).part"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SealError.fileFailure(path: destination.path, reason: String(cString: strerror(errno)))
        }
        buffer.reserveCapacity(Self.flushThreshold + 65_536)
    }

    deinit { discard() }

    /// Appends bytes (buffered).
    func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    private func flush() throws {
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { raw in
                Glibc.write(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
            }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                throw SealError.fileFailure(path: destination.path, reason: String(cString: strerror(errno)))
            }
            written += result
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, closes and renames the temporary file to the destination (replacing it): until then
    /// nothing is under the destination's name, so a killed process leaves only the hidden `.part`.
    func commit() throws {
        try flush()
        guard close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw SealError.fileFailure(path: destination.path, reason: reason)
        }
        descriptor = -1
        guard rename(temporaryPath, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw SealError.fileFailure(path: destination.path, reason: reason)
        }
    }

    /// Deletes the temporary file; the destination is left untouched.
    func discard() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporaryPath)
    }
}
