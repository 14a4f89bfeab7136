import HTTPTypes
import Hummingbird

/// One `Range: bytes=a-b` request (a single range, as download clients send).
package struct ByteRange: Sendable, Equatable {
    package let range: Range<Int64>
    package let size: Int64

    /// `nil` without a header; 416 for a range outside the file or several ranges. A last byte position past the
    /// end of the file (up to Int64.max) ends the range at the file's last byte (RFC 9110, 14.1.2).
    package init?(header: String?, size: Int64) throws {
        guard let header else { return nil }
        guard header.hasPrefix("bytes="), !header.contains(",") else {
            throw HTTPError(.rangeNotSatisfiable, message: "Une seule plage d'octets est acceptée.")
        }
        let parts = header.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw HTTPError(.rangeNotSatisfiable) }
        let lower: Int64
        let upper: Int64
        if parts[0].isEmpty, let suffix = Int64(parts[1]), suffix > 0 {
            lower = max(0, size - suffix)
            upper = size
        } else if let start = Int64(parts[0]) {
            lower = start
            if parts[1].isEmpty {
                upper = size
            } else if let last = Int64(parts[1]) {
                // Compared before adding 1: a last position of Int64.max would overflow.
                upper = last >= size ? size : last + 1
            } else {
                upper = 0
            }
        } else {
            throw HTTPError(.rangeNotSatisfiable)
        }
        guard lower < upper, upper <= size else {
            throw HTTPError(.rangeNotSatisfiable, headers: [.contentRange: "bytes */\(size)"])
        }
        range = lower..<upper
        self.size = size
    }

    package var contentRange: String { "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(size)" }
}
