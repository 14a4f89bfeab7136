/// The journal's checkpoints (`serve --journal-checkpoints`, `--journal-checkpoint-entries`, `…-minutes`).
package struct JournalCheckpointSettings: Sendable {
    /// The export file; `nil`: checkpoints are kept in the database only.
    package var file: String?
    package var everyEntries: Int64 = 1000
    package var everySeconds: Int64 = 15 * 60

    package init(file: String? = nil, everyEntries: Int64 = 1000, everySeconds: Int64 = 15 * 60) {
        self.file = file
        self.everyEntries = everyEntries
        self.everySeconds = everySeconds
    }
}
