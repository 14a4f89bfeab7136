#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The blocking POSIX calls behind the file store, each turning `errno` into a ``FileStoreError``.
///
/// Call them from a thread that may block (`NIOThreadPool`), never directly from an async context.
package enum POSIXFile {
    /// Creates `path`, which must not exist, for writing.
    package static func create(_ path: String) throws(FileStoreError) -> Int32 {
        let descriptor = retrying { open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640) }
        guard descriptor >= 0 else { throw .io(operation: "create", path: path, code: errno) }
        return descriptor
    }

    /// Opens `path` for reading; `nil` when it does not exist.
    package static func openForReading(_ path: String) throws(FileStoreError) -> Int32? {
        let descriptor = retrying { open(path, O_RDONLY | O_CLOEXEC) }
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw .io(operation: "open", path: path, code: errno)
        }
        return descriptor
    }

    /// Writes every byte of `bytes`, continuing after partial writes and interruptions.
    package static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String)
        throws(FileStoreError)
    {
        var offset = 0
        while offset < bytes.count {
            let written = retrying { write(descriptor, bytes.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { throw .io(operation: "write", path: path, code: errno) }
            offset += written
        }
    }

    /// Reads up to `buffer.count` bytes at `offset`, fewer only at the end of the file.
    package static func read(
        _ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String
    ) throws(FileStoreError) -> Int {
        var total = 0
        while total < buffer.count {
            let count = retrying {
                pread(descriptor, buffer.baseAddress! + total, buffer.count - total, off_t(offset) + off_t(total))
            }
            if count < 0 { throw .io(operation: "read", path: path, code: errno) }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// Forces the file's content and metadata to disk.
    package static func sync(_ descriptor: Int32, path: String) throws(FileStoreError) {
        guard retrying({ fsync(descriptor) }) == 0 else { throw .io(operation: "fsync", path: path, code: errno) }
    }

    /// Forces a directory's entries (files created, renamed or removed in it) to disk.
    package static func syncDirectory(_ path: String) throws(FileStoreError) {
        let descriptor = retrying { open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw .io(operation: "open directory", path: path, code: errno) }
        defer { close(descriptor) }
        try sync(descriptor, path: path)
    }

    package static func release(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    /// The size of an open file.
    package static func size(_ descriptor: Int32, path: String) throws(FileStoreError) -> Int64 {
        var information = stat()
        guard fstat(descriptor, &information) == 0 else { throw .io(operation: "fstat", path: path, code: errno) }
        return Int64(information.st_size)
    }

    /// The size of the regular file at `path`; `nil` when there is none.
    package static func size(_ path: String) throws(FileStoreError) -> Int64? {
        var information = stat()
        if stat(path, &information) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .io(operation: "stat", path: path, code: errno)
        }
        guard information.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(information.st_size)
    }

    /// When the file or directory at `path` was last modified, in seconds since 1970; `nil` when there is none.
    package static func modificationTime(_ path: String) throws(FileStoreError) -> Int64? {
        var information = stat()
        if stat(path, &information) != 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw .io(operation: "stat", path: path, code: errno)
        }
        #if canImport(Darwin)
            return Int64(information.st_mtimespec.tv_sec)
        #else
            return Int64(information.st_mtim.tv_sec)
        #endif
    }

    /// Sets the modification time of `path` to now; nothing when it does not exist.
    package static func touch(_ path: String) throws(FileStoreError) {
        guard utimensat(AT_FDCWD, path, nil, 0) == 0 || errno == ENOENT else {
            throw .io(operation: "utimensat", path: path, code: errno)
        }
    }

    /// Atomically replaces `destination` by `source`.
    package static func move(_ source: String, to destination: String) throws(FileStoreError) {
        guard rename(source, destination) == 0 else {
            throw .io(operation: "rename", path: destination, code: errno)
        }
    }

    /// Gives `source` the name `destination` too, unless it exists: returns `false` then.
    package static func linkUnlessExists(_ source: String, to destination: String) throws(FileStoreError) -> Bool {
        if link(source, destination) == 0 { return true }
        if errno == EEXIST { return false }
        throw .io(operation: "link", path: destination, code: errno)
    }

    /// Removes a file; nothing when it does not exist.
    package static func remove(_ path: String) throws(FileStoreError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw .io(operation: "unlink", path: path, code: errno) }
    }

    /// Removes an empty directory; nothing when it does not exist.
    package static func removeDirectory(_ path: String) throws(FileStoreError) {
        guard rmdir(path) == 0 || errno == ENOENT else { throw .io(operation: "rmdir", path: path, code: errno) }
    }

    /// Creates a directory, its parent existing; returns `false` when it already existed.
    @discardableResult
    package static func makeDirectory(_ path: String) throws(FileStoreError) -> Bool {
        if mkdir(path, 0o750) == 0 { return true }
        if errno == EEXIST { return false }
        throw .io(operation: "mkdir", path: path, code: errno)
    }

    /// The names in a directory, without `.` and `..`; empty when it does not exist.
    package static func names(in path: String) throws(FileStoreError) -> [String] {
        guard let directory = opendir(path) else {
            if errno == ENOENT { return [] }
            throw .io(operation: "opendir", path: path, code: errno)
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The message of an `errno` value.
    package static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    private static func retrying<T: BinaryInteger>(_ call: () -> T) -> T {
        while true {
            let result = call()
            if result < 0 && errno == EINTR { continue }
            return result
        }
    }
}
