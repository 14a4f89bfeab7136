import ArgumentParser
import Foundation

/// A size given on the command line: bytes, or a number with K, M or G (binary units: KiB, MiB, GiB).
struct ByteSize: ExpressibleByArgument, Sendable {
    let bytes: Int64

    init(bytes: Int64) { self.bytes = bytes }

    init?(argument: String) {
        var text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        for suffix in ["IB", "B"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        let shifts: [Character: Int64] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var shift: Int64 = 0
        if let last = text.last, let found = shifts[last] {
            shift = found
            text.removeLast()
        }
        guard let value = Int64(text), value >= 0, value <= Int64.max >> shift else { return nil }
        bytes = value << shift
    }

    var defaultValueDescription: String {
        for (shift, unit) in [(30, "G"), (20, "M"), (10, "K")] where bytes > 0 && bytes % (1 << shift) == 0 {
            return "\(bytes >> shift)\(unit)"
        }
        return String(bytes)
    }
}
