import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file read sequentially in chunks; reading past its end is ``SealError/truncated`` when asked exactly.
final class InputFile: BERByteSource {
    let url: URL
    private let descriptor: Int32

    init(_ url: URL) throws {
        self.url = url
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw SealError.fileFailure(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    deinit { close(descriptor) }

    /// Reads up to `count` bytes into `buffer`; returns how many were read, 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let result = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if result < 0, errno == EINTR { continue }
            guard result >= 0 else {
                throw SealError.fileFailure(path: url.path, reason: String(cString: strerror(errno)))
            }
            return result
        }
    }
}
