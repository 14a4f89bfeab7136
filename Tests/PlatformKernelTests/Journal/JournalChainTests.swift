import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The journal's canonical encoding and chain verification, without storage.
struct JournalChainTests {
    static let validated = JournalEvent(
        actor: .agent(12), entityID: 3, subject: .consultation(12), action: .consultationValidated,
        details: ["state": "consultation", "previous": "en-attente", "note": "été"])
    static let completed = JournalEvent(actor: .system, subject: .deposit(7), action: .depositCompleted)

    /// Computed independently (Python's struct and hashlib) from the format documented on the encoding.
    @Test func encodingAndHashesMatchTheDocumentedFormat() {
        let entries = JournalChain.build([(1_767_225_600, Self.validated), (1_767_225_601, Self.completed)])
        #expect(
            hex(JournalEntry.canonicalEncoding(sequence: 1, time: 1_767_225_600, event: Self.validated))
                == "010000000000000001000000006955b900000000086167656e743a31320100000000000000030000000c636f6e73756c746174696f6e000000000000000c00000016636f6e73756c746174696f6e2e76616c69646174656400000003000000046e6f746500000005c3a974c3a90000000870726576696f75730000000a656e2d617474656e74650000000573746174650000000c636f6e73756c746174696f6e"
        )
        #expect(entries[0].previousHash == .genesis)
        #expect(entries[0].hash.description == "0fe53c4ba11b5bf5280bfce41eab79689da1b78190752fb0c09ea0e7091bc578")
        #expect(entries[1].previousHash == entries[0].hash)
        #expect(entries[1].hash.description == "b0280e8925577c27558d14b802713ff5b8819d2db43bb47bd08abd0046fdc5fd")
    }

    @Test func fieldBoundariesAreUnambiguous() {
        var joined = Self.completed
        joined.details = ["ab": "c"]
        var split = Self.completed
        split.details = ["a": "bc"]
        #expect(
            JournalEntry.canonicalEncoding(sequence: 1, time: 0, event: joined)
                != JournalEntry.canonicalEncoding(sequence: 1, time: 0, event: split))
        var noEntity = Self.validated
        noEntity.entityID = nil
        #expect(
            JournalEntry.canonicalEncoding(sequence: 1, time: 0, event: noEntity)
                != JournalEntry.canonicalEncoding(sequence: 1, time: 0, event: Self.validated))
    }

    @Test func anIntactChainVerifies() {
        let entries = chain(count: 5)
        #expect(JournalChain.verify(entries) == .intact(count: 5, head: entries[4].hash))
        #expect(JournalChain.verify([]) == .intact(count: 0, head: .genesis))
        #expect(
            JournalChain.verify(entries).description == "journal intact: 5 entries, head \(entries[4].hash)")
    }

    @Test func anEditedEntryIsNamed() {
        var entries = chain(count: 5)
        var event = entries[2].event
        event.details["amount"] = "1"
        entries[2] = JournalEntry(
            sequence: 3, time: entries[2].time, event: event, previousHash: entries[2].previousHash,
            hash: entries[2].hash)
        #expect(JournalChain.verify(entries) == .broken(JournalBreak(sequence: 3, reason: .edited)))
    }

    @Test func aDeletedEntryIsNamed() {
        var entries = chain(count: 5)
        entries.remove(at: 1)
        #expect(JournalChain.verify(entries) == .broken(JournalBreak(sequence: 2, reason: .missing(through: 2))))
        #expect(JournalChain.verify(entries).description.contains("entry 2 is missing"))
    }

    @Test func swappedEntriesAreReportedAsReordered() {
        var entries = chain(count: 5)
        entries.swapAt(1, 2)
        #expect(JournalChain.verify(entries) == .broken(JournalBreak(sequence: 2, reason: .reordered)))
        var duplicated = chain(count: 3)
        duplicated.append(duplicated[1])
        #expect(JournalChain.verify(duplicated) == .broken(JournalBreak(sequence: 2, reason: .reordered)))
    }

    @Test func anEntryRehashedAfterEditingNoLongerLinks() {
        var entries = chain(count: 4)
        var event = entries[1].event
        event.action = .depositSuperseded
        entries[1] = JournalEntry(
            sequence: 2, time: entries[1].time, event: event, previousHash: entries[1].previousHash)
        #expect(JournalChain.verify(entries) == .broken(JournalBreak(sequence: 3, reason: .unlinked)))
    }

    @Test func theRecordedHeadRevealsRemovedLastEntries() throws {
        var chain = JournalChain()
        let entries = self.chain(count: 4)
        for entry in entries.prefix(3) { try chain.accept(entry) }
        #expect(throws: JournalBreak(sequence: 4, reason: .missing(through: 4))) {
            try chain.finish(head: (4, entries[3].hash))
        }
        #expect(throws: JournalBreak(sequence: 3, reason: .headMismatch)) {
            try chain.finish(head: (3, entries[3].hash))
        }
        try chain.finish(head: (3, entries[2].hash))
    }

    @Test func actorsRoundTripThroughTheirText() {
        for actor in [JournalActor.system, .agent(12), .company(7)] {
            #expect(JournalActor(actor.description) == actor)
        }
        #expect(JournalActor("agent:") == nil)
        #expect(JournalActor("robot:1") == nil)
        #expect(JournalHash(hex: JournalHash.genesis.description) == .genesis)
        #expect(JournalHash(hex: "zz") == nil)
    }

    private func chain(count: Int) -> [JournalEntry] {
        JournalChain.build(
            (0..<count).map { index in
                (Int64(1_767_225_600 + index), index.isMultiple(of: 2) ? Self.validated : Self.completed)
            })
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.hex
    }
}
