/// A stable English identifier of what happened, `subject.past-participle`: `consultation.validated`.
///
/// The identifier is hashed into the journal: never rename one that shipped, add a new one instead.
package struct JournalAction: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible
{
    package let rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }
    package init(stringLiteral value: String) { self.rawValue = value }

    package var description: String { rawValue }

    package static let consultationCreated: JournalAction = "consultation.created"
    package static let consultationSubmitted: JournalAction = "consultation.submitted"
    package static let consultationValidated: JournalAction = "consultation.validated"
    package static let consultationPublished: JournalAction = "consultation.published"
    package static let consultationDecided: JournalAction = "consultation.decided"
    package static let consultationUpdated: JournalAction = "consultation.updated"
    package static let consultationReturnedToElaboration: JournalAction = "consultation.returned-to-elaboration"
    package static let consultationOpened: JournalAction = "consultation.opened"
    package static let consultationDecisionReset: JournalAction = "consultation.decision-reset"
    package static let consultationSuiteCreated: JournalAction = "consultation.suite-created"
    package static let depositStarted: JournalAction = "deposit.started"
    package static let depositCompleted: JournalAction = "deposit.completed"
    package static let depositSuperseded: JournalAction = "deposit.superseded"
    package static let depositJobCreated: JournalAction = "deposit-job.created"
    package static let depositJobClaimed: JournalAction = "deposit-job.claimed"
    package static let envelopeDownloaded: JournalAction = "envelope.downloaded"
    package static let envelopeOpened: JournalAction = "envelope.opened"
    /// An online opening's assistant released a file's content key; the platform decrypted and stored it.
    package static let envelopeKeyReleased: JournalAction = "envelope.key-released"
    /// A released content key did not decrypt its file: nothing stored, the envelope stays closed.
    package static let envelopeKeyRefused: JournalAction = "envelope.key-refused"
    package static let envelopePlaintextDownloaded: JournalAction = "envelope.plaintext-downloaded"
    package static let remoteJobCreated: JournalAction = "remote-job.created"
    package static let remoteJobClaimed: JournalAction = "remote-job.claimed"
    package static let remoteJobEnded: JournalAction = "remote-job.ended"
    package static let organisationCreated: JournalAction = "organisation.created"
    package static let organisationModified: JournalAction = "organisation.modified"
    package static let organisationDeleted: JournalAction = "organisation.deleted"
    package static let agentCreated: JournalAction = "agent.created"
    package static let agentModified: JournalAction = "agent.modified"
    package static let agentDeleted: JournalAction = "agent.deleted"
    package static let agentRightsChanged: JournalAction = "agent.rights-changed"
    package static let agentRolesChanged: JournalAction = "agent.roles-changed"
    /// The agent changed their password in « Mon compte »; their other sessions were closed.
    package static let agentPasswordChanged: JournalAction = "agent.password-changed"
    /// A « Mot de passe oublié » link was mailed to the agent.
    package static let agentPasswordResetRequested: JournalAction = "agent.password-reset-requested"
    /// The agent chose a new password through the link; every session was closed.
    package static let agentPasswordReset: JournalAction = "agent.password-reset"
    package static let keyAdded: JournalAction = "key.added"
    package static let keyModified: JournalAction = "key.modified"
    package static let keyDeleted: JournalAction = "key.deleted"
    package static let requestCategoryCreated: JournalAction = "request-category.created"
    package static let requestRightChanged: JournalAction = "request-category.right-changed"
    package static let teleserviceCreated: JournalAction = "teleservice.created"
    package static let teleserviceModified: JournalAction = "teleservice.modified"
    package static let seasonCreated: JournalAction = "season.created"
    package static let seasonModified: JournalAction = "season.modified"
    package static let seasonDeleted: JournalAction = "season.deleted"
    package static let parameterListSaved: JournalAction = "parameter-list.saved"
    package static let householdCreated: JournalAction = "household.created"
    package static let householdStateChanged: JournalAction = "household.state-changed"
    package static let householdDocumentAddedAtCounter: JournalAction = "household.document-added-at-counter"
    package static let requestFiled: JournalAction = "request.filed"
    package static let requestStateChanged: JournalAction = "request.state-changed"
    package static let requestDataModified: JournalAction = "request.data-modified"
    package static let requestDataStateChanged: JournalAction = "request.data-state-changed"
    package static let requestDocumentAttached: JournalAction = "request.document-attached"
    package static let requestDocumentDetached: JournalAction = "request.document-detached"
    package static let requestDocumentChanged: JournalAction = "request.document-changed"
    package static let requestNoteAdded: JournalAction = "request.note-added"
    package static let requestLocked: JournalAction = "request.locked"
    package static let requestUnlocked: JournalAction = "request.unlocked"
    package static let requestLockTakenOver: JournalAction = "request.lock-taken-over"
    /// An account or a source address locked after too many failed sign-ins (``SignInThrottle``).
    package static let signInLocked: JournalAction = "sign-in.locked"
    /// Files of a deposit in progress whose upload was left untouched too long, removed by the uploads' sweep.
    package static let depositFilesAbandoned: JournalAction = "deposit.files-abandoned"
}
