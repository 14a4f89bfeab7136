/// Writes PDF objects in their textual form (ISO 32000-1 §7.3), for the objects of an incremental update.
enum PDFSerializer {
    static func bytes(_ object: PDFObject) throws -> [UInt8] {
        var output: [UInt8] = []
        try write(object, to: &output)
        return output
    }

    static func write(_ object: PDFObject, to output: inout [UInt8]) throws {
        switch object {
        case .null: output += Array("null".utf8)
        case .boolean(let value): output += Array((value ? "true" : "false").utf8)
        case .integer(let value): output += Array(String(value).utf8)
        case .real(let text): output += Array(text.utf8)
        case .name(let value): output += name(value)
        case .string(let bytes, let hexadecimal):
            output += hexadecimal ? hexString(bytes) : literalString(bytes)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(0x20) }
                try write(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            output += Array("<<".utf8)
            for (key, value) in dictionary.entries {
                output += name(key)
                output.append(0x20)
                try write(value, to: &output)
                output.append(0x0A)
            }
            output += Array(">>".utf8)
        case .reference(let reference): output += Array("\(reference.number) \(reference.generation) R".utf8)
        case .stream: throw PDFError.malformed("a stream cannot be rewritten as a direct object")
        }
    }

    /// A name with `#xx` escapes for delimiters, `#` and bytes outside the printable ASCII range.
    static func name(_ name: String) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "/")]
        for scalar in name.unicodeScalars {
            let byte = UInt8(truncatingIfNeeded: scalar.value)
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "#"), PDFSyntax.isRegular(byte) {
                output.append(byte)
            } else {
                output += Array("#".utf8) + hexDigits(byte)
            }
        }
        return output
    }

    static func literalString(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "(")]
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
            case 0x20..<0x7F: output.append(byte)
            default:
                output += Array(
                    ("\\" + String(repeating: "0", count: 3 - String(byte, radix: 8).count) + String(byte, radix: 8))
                        .utf8)
            }
        }
        output.append(UInt8(ascii: ")"))
        return output
    }

    static func hexString(_ bytes: [UInt8]) -> [UInt8] {
        [UInt8(ascii: "<")] + bytes.flatMap(hexDigits) + [UInt8(ascii: ">")]
    }

    static func hexDigits(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789ABCDEF".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]]
    }
}
