/// What a caller records in the journal; the journal gives it a sequence number, a time and a hash.
package struct JournalEvent: Hashable, Sendable {
    package var actor: JournalActor
    /// The top-level public entity concerned, so that an entity's journal can be extracted; `nil` for
    /// what concerns no entity (a company account, the platform).
    package var entityID: Int64?
    package var subject: JournalSubject
    package var action: JournalAction
    /// Small facts worth keeping: a file's hash, the previous state, an IP address.
    package var details: [String: String]

    package init(
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
