import PlatformKernel

extension JournalAction {
    /// A pli's candidature declared « Admissible ».
    package static let pliAdmitted: JournalAction = "pli.admitted"
    /// A pli's candidature declared « Non admissible » (with its reason).
    package static let pliRejected: JournalAction = "pli.rejected"
    /// The ranking (« classement ») of the plis recorded or replaced.
    package static let rankingRecorded: JournalAction = "consultation.ranking-recorded"
    /// An opening or a download of envelopes refused by the opening rules.
    package static let openingRefused: JournalAction = "envelope.opening-refused"
}
