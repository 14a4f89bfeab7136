import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written next to its destination under a temporary name, renamed into place only at
/// ``commit()``; removed when abandoned.
final class PDFPartialFile {
    let destination: URL
    let temporary: URL
    private var handle: FileHandle?
    private(set) var length = 0

    init(destination: URL) throws {
        self.destination = destination
        temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        guard
            FileManager.default.createFile(
                atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600])
        else { throw PDFError.io("cannot create a file in \(destination.deletingLastPathComponent().path)") }
        do {
            handle = try FileHandle(forUpdating: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw PDFError.io("\(temporary.path): \(error.localizedDescription)")
        }
    }

    deinit { abandon() }

    private func openHandle() throws -> FileHandle {
        guard let handle else { throw PDFError.invalidState("the output file was already committed or abandoned") }
        return handle
    }

    /// Appends `bytes` at the end.
    func append<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        try Array(bytes).withUnsafeBytes { try append(raw: $0) }
    }

    /// Appends raw bytes at the end (the copy of the original document goes through here).
    func append(raw bytes: UnsafeRawBufferPointer) throws {
        let handle = try openHandle()
        var written = 0
        while written < bytes.count {
            let count = pwrite(
                handle.fileDescriptor, bytes.baseAddress! + written, bytes.count - written, off_t(length + written))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                throw PDFError.io("writing \(temporary.path): \(String(cString: strerror(errno)))")
            }
            written += count
        }
        length += bytes.count
    }

    /// Overwrites bytes already written, at `offset`.
    func overwrite(_ bytes: [UInt8], at offset: Int) throws {
        precondition(offset + bytes.count <= length)
        do {
            let handle = try openHandle()
            try handle.seek(toOffset: UInt64(offset))
            try handle.write(contentsOf: Data(bytes))
        } catch let error as PDFError {
            throw error
        } catch {
            throw PDFError.io("writing \(temporary.path): \(error.localizedDescription)")
        }
    }

    /// Calls `body` with the bytes of `range`, read back with `pread` into one reused 1 MiB buffer.
    func read(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let handle = try openHandle()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var offset = range.lowerBound
        while offset < range.upperBound {
            let count = pread(
                handle.fileDescriptor, buffer.baseAddress, min(buffer.count, range.upperBound - offset), off_t(offset))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                if count < 0 { throw PDFError.io("reading \(temporary.path): \(String(cString: strerror(errno)))") }
                throw PDFError.io("\(temporary.path) is shorter than expected")
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            offset += count
        }
    }

    /// Closes the file and renames it to its destination: until then, nothing under the destination's name
    /// (a killed process leaves only the hidden temporary file).
    func commit() throws {
        let handle = try openHandle()
        do {
            try handle.close()
        } catch {
            throw PDFError.io("writing \(temporary.path): \(error.localizedDescription)")
        }
        self.handle = nil
        guard rename(temporary.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PDFError.io("renaming to \(destination.path): \(reason)")
        }
        let directory = open(destination.deletingLastPathComponent().path, O_RDONLY)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// Removes the temporary file, unless committed.
    func abandon() {
        guard let handle else { return }
        try? handle.close()
        self.handle = nil
        try? FileManager.default.removeItem(at: temporary)
    }
}
