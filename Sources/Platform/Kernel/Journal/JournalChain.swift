/// Verifies a journal entry by entry, in bounded memory: feed the entries in the order they were read,
/// then ``finish(head:)``; or ``verify(_:)`` a whole sequence at once.
package struct JournalChain: Sendable {
    /// How many entries were accepted so far.
    private(set) var count: Int64 = 0
    /// The hash of the last accepted entry, ``JournalHash/genesis`` before the first.
    private(set) var head: JournalHash = .genesis
    /// The sequence number of the last accepted entry, 0 before the first.
    private(set) var lastSequence: Int64 = 0

    package init(count: Int64 = 0, head: JournalHash = .genesis, lastSequence: Int64 = 0) {
        self.count = count
        self.head = head
        self.lastSequence = lastSequence
    }

    /// Checks that `entry` is the next link of the chain and accepts it.
    package mutating func accept(_ entry: JournalEntry) throws(JournalBreak) {
        let expected = lastSequence + 1
        if entry.sequence < expected {
            throw JournalBreak(sequence: entry.sequence, reason: .reordered)
        }
        if entry.sequence > expected {
            throw JournalBreak(sequence: expected, reason: .missing(through: entry.sequence - 1))
        }
        if entry.previousHash != head {
            throw JournalBreak(sequence: entry.sequence, reason: .unlinked)
        }
        if entry.computedHash != entry.hash {
            throw JournalBreak(sequence: entry.sequence, reason: .edited)
        }
        count += 1
        head = entry.hash
        lastSequence = entry.sequence
    }

    /// Checks that the last accepted entry is the recorded head, when one is recorded: entries removed
    /// from the end of the journal leave no gap, only a head that is ahead of them.
    package func finish(head recorded: (sequence: Int64, hash: JournalHash)?) throws(JournalBreak) {
        guard let recorded else { return }
        if recorded.sequence > lastSequence {
            throw JournalBreak(sequence: lastSequence + 1, reason: .missing(through: recorded.sequence))
        }
        if recorded.sequence < lastSequence || recorded.hash != head {
            throw JournalBreak(sequence: recorded.sequence, reason: .headMismatch)
        }
    }

    /// Verifies entries given in their stored order, the first having sequence number 1.
    ///
    /// An entry found later than where its sequence number puts it is reported as reordered, not missing.
    package static func verify(_ entries: some Collection<JournalEntry>) -> JournalVerification {
        var chain = JournalChain()
        do throws(JournalBreak) {
            for entry in entries { try chain.accept(entry) }
        } catch {
            if case .missing = error.reason, entries.contains(where: { $0.sequence == error.sequence }) {
                return .broken(JournalBreak(sequence: error.sequence, reason: .reordered))
            }
            return .broken(error)
        }
        return .intact(count: chain.count, head: chain.head)
    }

    /// Builds the entries that record `events` in order, at the given times, after an empty journal.
    package static func build(_ events: [(time: Int64, event: JournalEvent)]) -> [JournalEntry] {
        var previous = JournalHash.genesis
        return events.enumerated().map { index, item in
            let entry = JournalEntry(
                sequence: Int64(index + 1), time: item.time, event: item.event, previousHash: previous)
            previous = entry.hash
            return entry
        }
    }
}

/// The outcome of verifying a journal.
package enum JournalVerification: Equatable, Sendable, CustomStringConvertible {
    case intact(count: Int64, head: JournalHash)
    case broken(JournalBreak)

    package var description: String {
        switch self {
        case .intact(let count, let head): "journal intact: \(count) entries, head \(head)"
        case .broken(let failure): "journal broken: \(failure)"
        }
    }
}

/// The first place where a journal stops being one unbroken chain.
package struct JournalBreak: Error, Equatable, Sendable, CustomStringConvertible {
    /// The sequence number of the first entry that is wrong or missing.
    package let sequence: Int64
    package let reason: Reason

    package init(sequence: Int64, reason: Reason) {
        self.sequence = sequence
        self.reason = reason
    }

    package enum Reason: Equatable, Sendable {
        /// The entry's content no longer gives its hash: a field was changed after it was written.
        case edited
        /// Entries from ``JournalBreak/sequence`` through this one are missing: deleted.
        case missing(through: Int64)
        /// The entry is not where its sequence number puts it: entries were moved or duplicated.
        case reordered
        /// The entry's previous hash is not the hash of the entry before: entries were replaced or spliced.
        case unlinked
        /// The recorded head of the journal is not its last entry.
        case headMismatch
        /// Entries from ``JournalBreak/sequence`` on lie beyond the recorded head: they were inserted directly.
        case unrecorded
        /// The entry no longer has the hash the checkpoint at entry `checkpoint`, read from `source`, signed
        /// for it: it was rewritten and the chain recomputed after the checkpoint.
        case rewritten(checkpoint: Int64, source: String)
    }

    package var description: String {
        switch reason {
        case .edited:
            "entry \(sequence) was edited: its content no longer matches its hash"
        case .missing(let through) where through == sequence:
            "entry \(sequence) is missing: it was deleted"
        case .missing(let through):
            "entries \(sequence) to \(through) are missing: they were deleted"
        case .reordered:
            "entry \(sequence) is out of place: entries were reordered or duplicated"
        case .unlinked:
            "entry \(sequence) does not chain to the entry before it: entries were replaced"
        case .headMismatch:
            "the journal's recorded head, entry \(sequence), is not its last entry: the head or the last entries were altered"
        case .unrecorded:
            "entry \(sequence) lies beyond the journal's recorded head: it was inserted without the journal"
        case .rewritten(let checkpoint, let source):
            "entry \(sequence) no longer matches the checkpoint at entry \(checkpoint) (\(source)): "
                + "it was rewritten and the chain recomputed after that checkpoint"
        }
    }
}
