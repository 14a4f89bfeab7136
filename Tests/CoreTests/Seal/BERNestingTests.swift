import CoreSeal
import Foundation
import Testing

/// Found while fuzzing (by reviewing the BER reader, docs/fuzzing.md): indefinite-length elements nested
/// without end in a pli's header were read by recursion without a bound, so a small upload overflowed the stack of the
/// platform checking it (PliEnvelope.inspect) and ended the process. Nesting is now bounded and the file refused.
struct BERNestingTests {
    /// ContentInfo { envelopedData, [0] { SEQUENCE { version 0, [0] originatorInfo { SEQUENCE { SEQUENCE … } } } } },
    /// every length indefinite.
    private func deeplyNested(_ depth: Int) -> [UInt8] {
        let oid: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x03]
        var bytes: [UInt8] = [0x30, 0x80] + oid + [0xA0, 0x80, 0x30, 0x80, 0x02, 0x01, 0x00, 0xA0, 0x80]
        bytes += Array(repeating: [0x30, 0x80], count: depth).joined()
        return bytes
    }

    @Test func endlessNestingIsRefusedNotAStackOverflow() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nested-\(UUID()).p7m")
        try Data(deeplyNested(200_000)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = #expect(throws: SealError.self) { try PliEnvelope.inspect(url) }
        guard case .notASealedPli(let reason)? = error else {
            Issue.record("expected notASealedPli, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("nested"))
    }
}
