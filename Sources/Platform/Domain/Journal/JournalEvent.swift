/// What a caller records in the journal; the journal gives it a sequence number, a time and a hash.
struct JournalEvent: Hashable, Sendable {
    var actor: JournalActor
    /// The top-level public entity concerned, so that an entity's journal can be extracted; `nil` for
    /// what concerns no entity (a company account, the platform).
    var entityID: Int64?
    var subject: JournalSubject
    var action: JournalAction
    /// Small facts worth keeping: a file's hash, the previous state, an IP address.
    var details: [String: String]

    init(
        actor: JournalActor, entityID: Int64? = nil, subject: JournalSubject, action: JournalAction,
        details: [String: String] = [:]
    ) {
        self.actor = actor
        self.entityID = entityID
        self.subject = subject
        self.action = action
        self.details = details
    }
}
