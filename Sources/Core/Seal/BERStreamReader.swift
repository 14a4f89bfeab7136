/// The identifier and length octets of one BER element (X.690 §8.1), as read from a stream.
struct BERHeader: Sendable, Equatable {
    /// The class bits (0x00 universal, 0x40 application, 0x80 context-specific, 0xC0 private).
    var tagClass: UInt8
    var constructed: Bool
    var tagNumber: UInt
    /// The content length; `nil` for the indefinite form (content ends with end-of-contents octets).
    var length: Int?
    /// The header as encoded.
    var encoded: [UInt8]

    func isUniversal(_ number: UInt) -> Bool { tagClass == 0x00 && tagNumber == number }
    func isContext(_ number: UInt) -> Bool { tagClass == 0x80 && tagNumber == number }
}

/// A bounded region of the stream: the content of a constructed element, definite (known end offset) or
/// indefinite (ends with the end-of-contents octets `00 00`).
struct BERContainer: Sendable {
    var end: Int?
}

/// Reads BER from a file front to back without holding it: headers, small elements whole, and large
/// primitive contents in chunks. The end of the file inside an element is ``SealError/truncated``.
final class BERStreamReader {
    private let file: any BERByteSource
    private var buffer: [UInt8]
    private var position = 0
    private var limit = 0
    /// How many bytes of the stream were consumed.
    private(set) var offset = 0
    static let chunkSize = 1 << 20

    init(_ file: any BERByteSource) {
        self.file = file
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// Makes at least `count` (≤ chunk size) bytes available; returns false at the end of the file.
    private func fill(_ count: Int) throws -> Bool {
        if limit - position >= count { return true }
        if position > 0 {
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return }
                base.copyMemory(from: base + position, byteCount: limit - position)
            }
            limit -= position
            position = 0
        }
        while limit < count {
            let read = try buffer.withUnsafeMutableBytes { raw in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[limit...]))
            }
            if read == 0 { return false }
            limit += read
        }
        return true
    }

    /// Whether the file has no more bytes.
    func atEndOfFile() throws -> Bool { try !fill(1) }

    private func readByte() throws -> UInt8 {
        guard try fill(1) else { throw SealError.truncated }
        let byte = buffer[position]
        position += 1
        offset += 1
        return byte
    }

    /// The next header.
    func readHeader() throws -> BERHeader {
        var encoded = [try readByte()]
        let first = encoded[0]
        var number = UInt(first & 0x1f)
        if number == 0x1f {
            number = 0
            var byte: UInt8
            repeat {
                byte = try readByte()
                encoded.append(byte)
                guard number < (1 << 50) else { throw SealError.notASealedPli("a tag number is too large") }
                number = number << 7 | UInt(byte & 0x7f)
            } while byte & 0x80 != 0
        }
        let lengthByte = try readByte()
        encoded.append(lengthByte)
        var length: Int?
        if lengthByte < 0x80 {
            length = Int(lengthByte)
        } else if lengthByte == 0x80 {
            guard first & 0x20 != 0 else {
                throw SealError.notASealedPli("a primitive element has an indefinite length")
            }
            length = nil
        } else {
            let count = Int(lengthByte & 0x7f)
            guard count <= 7 else { throw SealError.notASealedPli("a length is too large") }
            var value = 0
            for _ in 0..<count {
                let byte = try readByte()
                encoded.append(byte)
                value = value << 8 | Int(byte)
            }
            length = value
        }
        return BERHeader(
            tagClass: first & 0xc0, constructed: first & 0x20 != 0, tagNumber: number, length: length,
            encoded: encoded)
    }

    /// The content region of a constructed element whose header was just read.
    func enter(_ header: BERHeader) -> BERContainer {
        BERContainer(end: header.length.map { offset + $0 })
    }

    /// Whether `container` has no more elements; consumes the end-of-contents octets of an indefinite one.
    func atEnd(of container: BERContainer) throws -> Bool {
        if let end = container.end {
            guard offset <= end else { throw SealError.notASealedPli("an element overruns its container") }
            return offset == end
        }
        guard try fill(2) else { throw SealError.truncated }
        guard buffer[position] == 0, buffer[position + 1] == 0 else { return false }
        position += 2
        offset += 2
        return true
    }

    /// Reads the rest of a small element whose header was just read: its whole encoding, at most
    /// `maximum` bytes (the indefinite form is followed to its end-of-contents octets).
    func readElement(after header: BERHeader, maximum: Int = 16 << 20) throws -> [UInt8] {
        try readElement(after: header, maximum: maximum, depth: 0)
    }

    /// How deep indefinite-length elements may nest (a certificate in originatorInfo needs about ten): the reading
    /// recurses, and a file of nothing but `30 80` must not overflow the stack.
    static let maximumDepth = 64

    private func readElement(after header: BERHeader, maximum: Int, depth: Int) throws -> [UInt8] {
        var bytes = header.encoded
        if let length = header.length {
            guard length <= maximum else { throw SealError.notASealedPli("an element of \(length) bytes is too large") }
            bytes.reserveCapacity(bytes.count + length)
            try stream(count: length) { bytes.append(contentsOf: $0) }
            return bytes
        }
        guard depth < Self.maximumDepth else {
            throw SealError.notASealedPli("its elements are nested more than \(Self.maximumDepth) deep")
        }
        while true {
            let child = try readHeader()
            if child.encoded == [0, 0] { return bytes + child.encoded }
            bytes += try readElement(after: child, maximum: maximum - bytes.count, depth: depth + 1)
            guard bytes.count <= maximum else { throw SealError.notASealedPli("an element is too large") }
        }
    }

    /// Reads the next element whole (see ``readElement(after:maximum:)``).
    func readElement(maximum: Int = 16 << 20) throws -> [UInt8] {
        try readElement(after: try readHeader(), maximum: maximum)
    }

    /// Passes the next `count` bytes to `body` in chunks of at most 1 MiB.
    func stream(count: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var remaining = count
        while remaining > 0 {
            if limit == position {
                guard try fill(1) else { throw SealError.truncated }
            }
            let take = min(remaining, limit - position)
            try buffer.withUnsafeBytes { raw in
                try body(UnsafeRawBufferPointer(rebasing: raw[position..<position + take]))
            }
            position += take
            offset += take
            remaining -= take
        }
    }
}
