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

    /// When the notice of deletion is due.
    package func noticeDue(noticeDays: Int64) -> Int64 { expiresAt - noticeDays * 86_400 }
}
