import CZlib

/// Stream filters needed to read cross-reference and object streams: FlateDecode with PNG or TIFF
/// predictors (ISO 32000-1 §7.4.4).
enum PDFFlate {
    /// Limit on decoded data, against decompression bombs.
    static let maximumDecodedSize = 256 << 20

    static func inflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw PDFError.malformed("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { inputPointer in
            stream.next_in = inputPointer.baseAddress
            stream.avail_in = uInt(inputPointer.count)
            var result = Z_OK
            while result == Z_OK {
                result = buffer.withUnsafeMutableBufferPointer { bufferPointer in
                    stream.next_out = bufferPointer.baseAddress
                    stream.avail_out = uInt(bufferPointer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let produced = buffer.count - Int(stream.avail_out)
                output.append(contentsOf: buffer[0..<produced])
                if output.count > maximumDecodedSize { return Z_MEM_ERROR }
                if result == Z_BUF_ERROR, stream.avail_in == 0 { break }
                if result == Z_OK, produced == 0, stream.avail_in == 0 { break }
            }
            return result
        }
        // Truncated or slightly damaged streams still give what was decoded, as readers do.
        guard
            status == Z_STREAM_END || status == Z_OK || status == Z_BUF_ERROR
                || (status == Z_DATA_ERROR && !output.isEmpty)
        else { throw PDFError.malformed("a compressed stream cannot be decoded (zlib status \(status))") }
        return output
    }

    /// Undoes a /Predictor (2: TIFF, 10-15: PNG) given /Colors, /BitsPerComponent and /Columns.
    static func unpredict(_ data: [UInt8], parameters: PDFDictionary) throws -> [UInt8] {
        let predictor = parameters["Predictor"]?.integerValue ?? 1
        guard predictor > 1 else { return data }
        let colors = parameters["Colors"]?.integerValue ?? 1
        let bits = parameters["BitsPerComponent"]?.integerValue ?? 8
        let columns = parameters["Columns"]?.integerValue ?? 1
        guard colors > 0, colors < 64, [1, 2, 4, 8, 16].contains(bits), columns > 0, columns < 1 << 20 else {
            throw PDFError.malformed("invalid predictor parameters")
        }
        let pixelBytes = max(1, colors * bits / 8)
        let rowBytes = (colors * bits * columns + 7) / 8
        if predictor == 2 {
            guard bits == 8 else { throw PDFError.malformed("TIFF predictor with \(bits) bits is not supported") }
            var output = data
            for rowStart in stride(from: 0, to: output.count, by: rowBytes) {
                for index in (rowStart + pixelBytes)..<min(rowStart + rowBytes, output.count) {
                    output[index] = output[index] &+ output[index - pixelBytes]
                }
            }
            return output
        }
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var offset = 0
        while offset < data.count {
            let filter = data[offset]
            var row = Array(data[(offset + 1)..<min(offset + 1 + rowBytes, data.count)])
            row += [UInt8](repeating: 0, count: rowBytes - row.count)
            for index in 0..<rowBytes {
                let left = index >= pixelBytes ? row[index - pixelBytes] : 0
                let up = previous[index]
                let upLeft = index >= pixelBytes ? previous[index - pixelBytes] : 0
                switch filter {
                case 0: break
                case 1: row[index] = row[index] &+ left
                case 2: row[index] = row[index] &+ up
                case 3: row[index] = row[index] &+ UInt8((Int(left) + Int(up)) / 2)
                case 4: row[index] = row[index] &+ paeth(left, up, upLeft)
                default: throw PDFError.malformed("unknown PNG predictor filter \(filter)")
                }
            }
            output += row
            previous = row
            offset += 1 + rowBytes
        }
        return output
    }

    private static func paeth(_ left: UInt8, _ up: UInt8, _ upLeft: UInt8) -> UInt8 {
        let estimate = Int(left) + Int(up) - Int(upLeft)
        let distanceLeft = abs(estimate - Int(left))
        let distanceUp = abs(estimate - Int(up))
        let distanceUpLeft = abs(estimate - Int(upLeft))
        if distanceLeft <= distanceUp, distanceLeft <= distanceUpLeft { return left }
        return distanceUp <= distanceUpLeft ? up : upLeft
    }
}
