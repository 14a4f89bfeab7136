/// A CSV document: `;`-separated, fields quoted when needed, CRLF line ends, UTF-8 with BOM for spreadsheets.
package struct CSV {
    package private(set) var text: String

    package init(header: [String]) {
        text = "\u{FEFF}"
        append(header)
    }

    package mutating func append(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ";") + "\r\n"
    }

    private static func quote(_ field: String) -> String {
        // A leading =, +, - or @ would be a formula to a spreadsheet: neutralise it, unless the field is a plain
        // whole number (a negative balance stays a number).
        var value = field
        if let first = value.first, "=+-@".contains(first), !isSignedInteger(value) { value = "'" + value }
        guard value.contains(where: { ";\"\r\n".contains($0) }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-12`, `+3`: a sign then digits only, which no spreadsheet reads as a formula.
    private static func isSignedInteger(_ value: String) -> Bool {
        let digits = value.dropFirst()
        return "+-".contains(value.first ?? " ") && !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
