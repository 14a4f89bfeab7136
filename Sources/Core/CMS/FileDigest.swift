import CoreTokens
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension DigestAlgorithm {
    /// The digest of a file read once in 4 MiB chunks: a multi-gigabyte file never sits in memory.
    public func digest(ofFileAt url: URL) throws(FileDigestError) -> [UInt8] {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileDigestError(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        var hasher = hasher()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 4096)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileDigestError(path: url.path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
        }
        return hasher.finalize()
    }
}

/// A file that could not be read to compute its digest.
public struct FileDigestError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "Cannot read \(path) (\(reason)). Check the path and the permissions." }
}
