import Foundation
import FuzzDriver

@testable import CoreTokens

// The Assuan (pinentry) reader on anything a pinentry program may write: the greeting, then the answer to GETPIN
// (D lines, status and comment lines, ERR, OK), arriving in chunks of any size (the first byte sets it). Also checks
// that the escaping of what Sceau sends comes back unchanged through the unescaping of what it reads.

@main enum FuzzAssuan {
    static func main() { LibFuzzer.run(fuzzAssuan) }
}

func fuzzAssuan(_ bytes: [UInt8]) {
    guard !bytes.isEmpty else { return }
    let chunkSize = Int(bytes[0] % 64) + 1
    var rest = bytes[1...]
    var reader = AssuanReader {
        let chunk = rest.prefix(chunkSize)
        rest = rest.dropFirst(chunkSize)
        return Data(chunk)
    }
    if let greeting = try? reader.line(program: "fuzz"), greeting.hasPrefix("OK") {
        _ = try? Assuan.readPIN(from: &reader, program: "fuzz")
    }
    let text = String(decoding: bytes[1...], as: UTF8.self)
    let escaped = Assuan.escape(text)
    precondition(!escaped.contains("\n") && !escaped.contains("\r"), "an escaped argument spans lines")
    precondition(Assuan.unescape(escaped) == text, "escaping does not round-trip")
}
