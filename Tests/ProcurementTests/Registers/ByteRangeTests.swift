import Hummingbird
import Testing

@testable import Procurement

/// The `Range` header of a sealed file's download (an agent's register, the assistant's job fetching a CMS header).
/// Found by the `upload-headers` fuzz target: a last byte position of Int64.max overflowed when the range's end was
/// computed, a trap that stopped the whole platform; a last byte position past the file now ends at its last byte.
struct ByteRangeTests {
    @Test func aLastBytePositionOfInt64MaxEndsAtTheFileNotInACrash() throws {
        let range = try #require(try ByteRange(header: "bytes=0-9223372036854775807", size: 1000))
        #expect(range.range == 0..<1000)
        #expect(range.contentRange == "bytes 0-999/1000")
        let tail = try #require(try ByteRange(header: "bytes=990-9223372036854775807", size: 1000))
        #expect(tail.range == 990..<1000)
    }

    @Test func firstLastSuffixAndOpenRanges() throws {
        #expect(try ByteRange(header: nil, size: 10) == nil)
        #expect(try ByteRange(header: "bytes=2-5", size: 10)?.range == 2..<6)
        #expect(try ByteRange(header: "bytes=2-99", size: 10)?.range == 2..<10)
        #expect(try ByteRange(header: "bytes=-4", size: 10)?.range == 6..<10)
        #expect(try ByteRange(header: "bytes=-9223372036854775807", size: 10)?.range == 0..<10)
        #expect(try ByteRange(header: "bytes=7-", size: 10)?.range == 7..<10)
    }

    @Test(arguments: [
        "bytes=0-1,4-5", "bytes=10-", "bytes=5-2", "bytes=-0", "bytes=a-b", "bytes=1-x", "items=0-1", "bytes=0-1-2",
        "bytes=9223372036854775807-",
    ])
    func unsatisfiableRangesAre416(header: String) {
        #expect(throws: HTTPError.self) { try ByteRange(header: header, size: 10) }
    }
}
