/// Reads PDF objects from a byte source, starting at `position` (ISO 32000-1 §7.3).
final class PDFParser {
    let source: PDFByteSource
    var position: Int
    /// Spans of the values of the outermost dictionary parsed, by key (for /Contents and /ByteRange).
    private(set) var valueSpans: [String: Range<Int>] = [:]
    private var depth = 0
    private static let maximumDepth = 256

    init(source: PDFByteSource, position: Int) {
        self.source = source
        self.position = position
    }

    private func peek(_ offset: Int = 0) -> UInt8? { source.byte(at: position + offset) }

    private func fail(_ what: String) -> PDFError { .malformed("\(what) at offset \(position)") }

    func skipWhitespace() {
        while let byte = peek() {
            if PDFSyntax.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while let next = peek(), next != 0x0A, next != 0x0D { position += 1 }
            } else {
                return
            }
        }
    }

    /// The next regular-character token (a keyword or number) without consuming it.
    func peekToken() -> String {
        skipWhitespace()
        var bytes: [UInt8] = []
        var offset = 0
        while let byte = peek(offset), PDFSyntax.isRegular(byte), bytes.count < 32 {
            bytes.append(byte)
            offset += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Consumes the next token when it is `keyword`.
    @discardableResult
    func consumeKeyword(_ keyword: String) -> Bool {
        guard peekToken() == keyword else { return false }
        position += keyword.utf8.count
        return true
    }

    func expectKeyword(_ keyword: String) throws {
        guard consumeKeyword(keyword) else { throw fail("expected '\(keyword)'") }
    }

    /// A non-negative integer token, consumed only when it is one.
    func parseUnsignedInteger() -> Int? {
        skipWhitespace()
        var value = 0
        var offset = 0
        while let byte = peek(offset), PDFSyntax.isDigit(byte) {
            guard value < Int.max / 10 - 10 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            offset += 1
        }
        guard offset > 0, peek(offset).map({ !PDFSyntax.isRegular($0) }) ?? true else { return nil }
        position += offset
        return value
    }

    func parseObject() throws -> PDFObject {
        skipWhitespace()
        guard let byte = peek() else { throw fail("unexpected end of data") }
        switch byte {
        case UInt8(ascii: "/"): return .name(try parseName())
        case UInt8(ascii: "("): return .string(try parseLiteralString(), hexadecimal: false)
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "<") { return .dictionary(try parseDictionary()) }
            return .string(try parseHexString(), hexadecimal: true)
        case UInt8(ascii: "["): return .array(try parseArray())
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), 0x30...0x39: return try parseNumberOrReference()
        default:
            let token = peekToken()
            switch token {
            case "true":
                position += 4
                return .boolean(true)
            case "false":
                position += 5
                return .boolean(false)
            case "null":
                position += 4
                return .null
            default: throw fail("unexpected token '\(token.prefix(20))'")
            }
        }
    }

    private func parseName() throws -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        while let byte = peek(), PDFSyntax.isRegular(byte) {
            if byte == UInt8(ascii: "#"), let high = peek(1).flatMap(PDFSyntax.hexValue),
                let low = peek(2).flatMap(PDFSyntax.hexValue)
            {
                scalars.append(Unicode.Scalar(high << 4 | low))
                position += 3
            } else {
                scalars.append(Unicode.Scalar(byte))
                position += 1
            }
        }
        return String(scalars)
    }

    private func parseLiteralString() throws -> [UInt8] {
        position += 1
        var bytes: [UInt8] = []
        var nesting = 1
        while true {
            guard let byte = peek() else { throw fail("unterminated string") }
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                nesting += 1
                bytes.append(byte)
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return bytes }
                bytes.append(byte)
            case UInt8(ascii: "\\"):
                guard let escaped = peek() else { throw fail("unterminated string") }
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case 0x0D: if peek() == 0x0A { position += 1 }
                case 0x0A: break
                case 0x30...0x37:
                    var value = Int(escaped - 0x30)
                    for _ in 0..<2 {
                        guard let digit = peek(), digit >= 0x30, digit <= 0x37 else { break }
                        value = value * 8 + Int(digit - 0x30)
                        position += 1
                    }
                    bytes.append(UInt8(value & 0xFF))
                default: bytes.append(escaped)
                }
            case 0x0D:
                if peek() == 0x0A { position += 1 }
                bytes.append(0x0A)
            default: bytes.append(byte)
            }
        }
    }

    private func parseHexString() throws -> [UInt8] {
        position += 1
        var bytes: [UInt8] = []
        var high: UInt8?
        while true {
            guard let byte = peek() else { throw fail("unterminated hexadecimal string") }
            position += 1
            if byte == UInt8(ascii: ">") { break }
            if PDFSyntax.isWhitespace(byte) { continue }
            guard let value = PDFSyntax.hexValue(byte) else { throw fail("invalid hexadecimal digit") }
            if let pending = high {
                bytes.append(pending << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        if let pending = high { bytes.append(pending << 4) }
        return bytes
    }

    private func parseArray() throws -> [PDFObject] {
        position += 1
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maximumDepth else { throw fail("objects nested too deeply") }
        var items: [PDFObject] = []
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw fail("unterminated array") }
            if byte == UInt8(ascii: "]") {
                position += 1
                return items
            }
            items.append(try parseObject())
        }
    }

    private func parseDictionary() throws -> PDFDictionary {
        position += 2
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maximumDepth else { throw fail("objects nested too deeply") }
        let outermost = depth == 1
        var dictionary = PDFDictionary()
        while true {
            skipWhitespace()
            guard let byte = peek() else { throw fail("unterminated dictionary") }
            if byte == UInt8(ascii: ">") {
                guard peek(1) == UInt8(ascii: ">") else { throw fail("expected '>>'") }
                position += 2
                return dictionary
            }
            guard byte == UInt8(ascii: "/") else { throw fail("expected a name as dictionary key") }
            let key = try parseName()
            skipWhitespace()
            let start = position
            let value = try parseObject()
            if outermost { valueSpans[key] = start..<position }
            if value != .null { dictionary[key] = value }
        }
    }

    private func parseNumberOrReference() throws -> PDFObject {
        let start = position
        if let first = parseUnsignedInteger() {
            let afterFirst = position
            if let generation = parseUnsignedInteger(), consumeKeyword("R") {
                return .reference(PDFReference(number: first, generation: generation))
            }
            position = afterFirst
            return .integer(first)
        }
        position = start
        var bytes: [UInt8] = []
        while let byte = peek(), PDFSyntax.isRegular(byte) {
            bytes.append(byte)
            position += 1
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let value = Int(text) { return .integer(value) }
        guard Double(text) != nil || Double("0" + text) != nil || text == "-" || text == "." else {
            throw PDFError.malformed("invalid number '\(text.prefix(20))' at offset \(start)")
        }
        return .real(text)
    }
}
