/// Compares the entries of a journal, fed in order as ``JournalChain`` accepts them, with what signed
/// checkpoints vouched for: the first entry whose hash differs from a checkpoint's is the first one
/// rewritten, even when the chain and its head were recomputed after it. Bounded memory: only the
/// checkpoints covering the current entry are held apart from the sorted list.
package struct JournalCheckpointMatcher: Sendable {
    private let checkpoints: [(checkpoint: JournalCheckpoint, source: JournalCheckpointSource)]
    private var next = 0
    private var active: [(checkpoint: JournalCheckpoint, source: JournalCheckpointSource)] = []

    /// `checkpoints` must already be checked (signature, form): they are trusted here.
    package init(_ checkpoints: [(checkpoint: JournalCheckpoint, source: JournalCheckpointSource)]) {
        self.checkpoints = checkpoints.sorted { $0.checkpoint.first < $1.checkpoint.first }
    }

    /// Checks `entry`, the next accepted entry of the chain, against every checkpoint covering it.
    package mutating func check(_ entry: JournalEntry) throws(JournalBreak) {
        while next < checkpoints.count, checkpoints[next].checkpoint.first <= entry.sequence {
            active.append(checkpoints[next])
            next += 1
        }
        active.removeAll { $0.checkpoint.sequence < entry.sequence }
        let prefix = entry.hash.bytes.prefix(JournalCheckpoint.prefixLength)
        for (checkpoint, source) in active {
            let matches =
                checkpoint.sequence == entry.sequence
                ? checkpoint.head == entry.hash : checkpoint.prefix(of: entry.sequence).map { $0 == prefix } ?? true
            if !matches {
                throw JournalBreak(
                    sequence: entry.sequence,
                    reason: .rewritten(checkpoint: checkpoint.sequence, source: source.description))
            }
        }
    }

    /// Checks that no checkpoint vouches for entries beyond `lastSequence`, the last one read: those were
    /// removed, and the head set back.
    package func finish(lastSequence: Int64) throws(JournalBreak) {
        guard let beyond = checkpoints.map(\.checkpoint.sequence).max(), beyond > lastSequence else { return }
        throw JournalBreak(sequence: lastSequence + 1, reason: .missing(through: beyond))
    }
}
