import PlatformKernel

/// A request form saved before filing ("brouillon"): kept `RequestSettings.draftLifetime` after its last
/// save, the household told `draftNoticeDays` before it is deleted.
package struct RequestDraft: Sendable, Equatable {
    package var id: Int64?
    package var householdID: Int64
    package var teleserviceID: Int64
    package var subjectID: Int64?
    package var data: [String: [String]]
    package var updatedAt: Int64
    package var expiresAt: Int64
    package var noticeSentAt: Int64?

    package init(
        id: Int64? = nil, householdID: Int64, teleserviceID: Int64, subjectID: Int64? = nil, data: [String: [String]],
        updatedAt: Int64, expiresAt: Int64, noticeSentAt: Int64? = nil
    ) {
        self.id = id
        self.householdID = householdID
        self.teleserviceID = teleserviceID
        self.subjectID = subjectID
        self.data = data
        self.updatedAt = updatedAt
        self.expiresAt = expiresAt
        self.noticeSentAt = noticeSentAt
    }

    /// When the notice of deletion is due.
    package func noticeDue(noticeDays: Int64) -> Int64 { expiresAt - noticeDays * 86_400 }
}
