import Testing

@testable import CoreCMS

/// A TSA's answer (RFC 3161 TimeStampResp) is read defensively: whatever the bytes, a typed error, never a trap.
struct TimestampResponseTests {
    /// Found by the `timestamp-token` fuzz target: an empty PKIStatusInfo (`30 00`) trapped on an index out of range.
    @Test func anEmptyStatusIsAnInvalidResponse() {
        let response: [UInt8] = [0x30, 0x02, 0x30, 0x00]
        #expect(throws: TimestampError.invalidResponse("its status is empty")) {
            _ = try TimestampClient.token(fromResponse: response)
        }
    }

    @Test func aRefusalSaysItsStatus() {
        // TimeStampResp { status { PKIStatus 2 (rejection) } }
        let response: [UInt8] = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x02]
        #expect(throws: TimestampError.rejected("status 2")) {
            _ = try TimestampClient.token(fromResponse: response)
        }
    }

    @Test func aGrantedStatusWithoutTokenIsAnInvalidResponse() {
        let response: [UInt8] = [0x30, 0x05, 0x30, 0x03, 0x02, 0x01, 0x00]
        #expect(throws: TimestampError.invalidResponse("it holds no token")) {
            _ = try TimestampClient.token(fromResponse: response)
        }
    }
}
