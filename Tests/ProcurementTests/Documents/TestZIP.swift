/// Builds small ZIP archives in memory for the tests: entries stored without compression (method 0), with their
/// CRC-32, as any archiver writes them.
enum TestZIP {
    static func archive(_ files: [(name: String, data: [UInt8])], trailing: [UInt8] = []) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for file in files {
            let offset = UInt32(out.count)
            let crc = crc32(file.data)
            let name = Array(file.name.utf8)
            let size = UInt32(file.data.count)
            put32(&out, 0x0403_4B50)
            for value: UInt16 in [20, 0x0800, 0, 0, 0x21] { put16(&out, value) }
            for value in [crc, size, size] { put32(&out, value) }
            put16(&out, UInt16(name.count))
            put16(&out, 0)
            out.append(contentsOf: name)
            out.append(contentsOf: file.data)
            put32(&directory, 0x0201_4B50)
            for value: UInt16 in [20, 20, 0x0800, 0, 0, 0x21] { put16(&directory, value) }
            for value in [crc, size, size] { put32(&directory, value) }
            for value: UInt16 in [UInt16(name.count), 0, 0, 0, 0] { put16(&directory, value) }
            put32(&directory, 0)
            put32(&directory, offset)
            directory.append(contentsOf: name)
        }
        let directoryOffset = UInt32(out.count)
        out.append(contentsOf: directory)
        put32(&out, 0x0605_4B50)
        for value: UInt16 in [0, 0, UInt16(files.count), UInt16(files.count)] { put16(&out, value) }
        put32(&out, UInt32(directory.count))
        put32(&out, directoryOffset)
        put16(&out, 0)
        return out + trailing
    }

    /// The files of an archive, read back through its local headers (what an unzip of stored entries does).
    static func files(of bytes: [UInt8]) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for entry in try ZIPCentralDirectoryReader.entries(bytes) {
            let start = Int(entry.localHeaderOffset)
            let nameLength = Int(bytes[start + 26]) | Int(bytes[start + 27]) << 8
            let extraLength = Int(bytes[start + 28]) | Int(bytes[start + 29]) << 8
            let data = start + 30 + nameLength + extraLength
            files[entry.name] = Array(bytes[data..<(data + Int(entry.compressedSize))])
        }
        return files
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    private static func put16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8))
    }

    private static func put32(_ bytes: inout [UInt8], _ value: UInt32) {
        for shift: UInt32 in [0, 8, 16, 24] { bytes.append(UInt8((value >> shift) & 0xFF)) }
    }
}
