/// A stable English identifier of what happened, `subject.past-participle`: `consultation.validated`.
///
/// The identifier is hashed into the journal: never rename one that shipped, add a new one instead.
struct JournalAction: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let rawValue: String

    init(rawValue: String) { self.rawValue = rawValue }
    init(stringLiteral value: String) { self.rawValue = value }

    var description: String { rawValue }

    static let consultationCreated: JournalAction = "consultation.created"
    static let consultationSubmitted: JournalAction = "consultation.submitted"
    static let consultationValidated: JournalAction = "consultation.validated"
    static let consultationPublished: JournalAction = "consultation.published"
    static let consultationDecided: JournalAction = "consultation.decided"
    static let consultationUpdated: JournalAction = "consultation.updated"
    static let consultationReturnedToElaboration: JournalAction = "consultation.returned-to-elaboration"
    static let consultationOpened: JournalAction = "consultation.opened"
    static let consultationDecisionReset: JournalAction = "consultation.decision-reset"
    static let consultationSuiteCreated: JournalAction = "consultation.suite-created"
    static let depositStarted: JournalAction = "deposit.started"
    static let depositCompleted: JournalAction = "deposit.completed"
    static let depositSuperseded: JournalAction = "deposit.superseded"
    /// Files of a deposit in progress whose upload was left untouched too long, removed by the uploads' sweep.
    static let depositFilesAbandoned: JournalAction = "deposit.files-abandoned"
    static let depositJobCreated: JournalAction = "deposit-job.created"
    static let depositJobClaimed: JournalAction = "deposit-job.claimed"
    static let envelopeDownloaded: JournalAction = "envelope.downloaded"
    static let envelopeOpened: JournalAction = "envelope.opened"
    static let envelopePlaintextStored: JournalAction = "envelope.plaintext-stored"
    static let envelopePlaintextDownloaded: JournalAction = "envelope.plaintext-downloaded"
    static let remoteJobCreated: JournalAction = "remote-job.created"
    static let remoteJobClaimed: JournalAction = "remote-job.claimed"
    static let remoteJobEnded: JournalAction = "remote-job.ended"
    static let organisationCreated: JournalAction = "organisation.created"
    static let organisationModified: JournalAction = "organisation.modified"
    static let organisationDeleted: JournalAction = "organisation.deleted"
    static let agentCreated: JournalAction = "agent.created"
    static let agentModified: JournalAction = "agent.modified"
    static let agentDeleted: JournalAction = "agent.deleted"
    static let agentRightsChanged: JournalAction = "agent.rights-changed"
    static let agentRolesChanged: JournalAction = "agent.roles-changed"
    static let keyAdded: JournalAction = "key.added"
    static let keyModified: JournalAction = "key.modified"
    static let keyDeleted: JournalAction = "key.deleted"
    static let requestCategoryCreated: JournalAction = "request-category.created"
    static let requestRightChanged: JournalAction = "request-category.right-changed"
    static let teleserviceCreated: JournalAction = "teleservice.created"
    static let teleserviceModified: JournalAction = "teleservice.modified"
    static let seasonCreated: JournalAction = "season.created"
    static let seasonModified: JournalAction = "season.modified"
    static let seasonDeleted: JournalAction = "season.deleted"
    static let parameterListSaved: JournalAction = "parameter-list.saved"
    static let householdCreated: JournalAction = "household.created"
    static let householdStateChanged: JournalAction = "household.state-changed"
    static let householdDocumentAddedAtCounter: JournalAction = "household.document-added-at-counter"
    static let requestFiled: JournalAction = "request.filed"
    static let requestStateChanged: JournalAction = "request.state-changed"
    static let requestDataModified: JournalAction = "request.data-modified"
    static let requestDataStateChanged: JournalAction = "request.data-state-changed"
    static let requestDocumentAttached: JournalAction = "request.document-attached"
    static let requestDocumentDetached: JournalAction = "request.document-detached"
    static let requestDocumentChanged: JournalAction = "request.document-changed"
    static let requestNoteAdded: JournalAction = "request.note-added"
    static let requestLocked: JournalAction = "request.locked"
    static let requestUnlocked: JournalAction = "request.unlocked"
    static let requestLockTakenOver: JournalAction = "request.lock-taken-over"
}
