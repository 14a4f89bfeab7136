import CZlib

/// Raw deflate (APPNOTE method 8) expanded chunk by chunk through zlib; the `z_stream` lives at a fixed
/// address (zlib checks that it does not move).
final class ZIPInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output = [UInt8](repeating: 0, count: 256 << 10)
    private var started = false

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
    }

    deinit {
        if started { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func start() -> Bool {
        started = inflateInit2_(stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        return started
    }

    /// Expands `input`, giving the output to `deliver`; true once the deflate stream ended.
    func inflate(
        _ input: [UInt8], isLast: Bool, name: String,
        _ deliver: (UnsafeRawBufferPointer) throws(ZIPArchiveError) -> Void
    ) throws(ZIPArchiveError) -> Bool {
        var input = input
        var status = Z_OK
        var failure: ZIPArchiveError?
        let stream = self.stream
        var output = self.output
        self.output = []  // one owner of the buffer: no copy when it is written
        input.withUnsafeMutableBufferPointer { inputPointer in
            stream.pointee.next_in = inputPointer.baseAddress
            stream.pointee.avail_in = uInt(inputPointer.count)
            repeat {
                let produced: Int = output.withUnsafeMutableBufferPointer { outputPointer in
                    stream.pointee.next_out = outputPointer.baseAddress
                    stream.pointee.avail_out = uInt(outputPointer.count)
                    status = CZlib.inflate(stream, Z_NO_FLUSH)
                    return outputPointer.count - Int(stream.pointee.avail_out)
                }
                if produced > 0 {
                    do throws(ZIPArchiveError) {
                        try output.withZIPBytes { (raw) throws(ZIPArchiveError) in
                            try deliver(UnsafeRawBufferPointer(rebasing: raw[0..<produced]))
                        }
                    } catch {
                        failure = error
                        return
                    }
                }
                if status != Z_OK { break }
            } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
            stream.pointee.next_in = nil
        }
        self.output = output
        if let failure { throw failure }
        if status == Z_STREAM_END { return true }
        guard status == Z_OK || (status == Z_BUF_ERROR && !isLast) else { throw .corrupted(name) }
        return false
    }
}
