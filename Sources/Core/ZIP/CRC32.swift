import CZlib

/// The CRC-32 of ZIP entries (APPNOTE 4.4.7), computed chunk by chunk through zlib.
public struct CRC32: Sendable {
    public private(set) var value: UInt32 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var done = 0
        while done < bytes.count {
            let count = min(bytes.count - done, Int(UInt32.max))
            value = UInt32(
                crc32(UInt(value), (base + done).assumingMemoryBound(to: Bytef.self), UInt32(count)))
            done += count
        }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }
}
