/// A request form saved before filing ("brouillon"): kept `RequestSettings.draftLifetime` after its last
/// save, the household told `draftNoticeDays` before it is deleted.
struct RequestDraft: Sendable, Equatable {
    var id: Int64?
    var householdID: Int64
    var teleserviceID: Int64
    var subjectID: Int64?
    var data: [String: [String]]
    var updatedAt: Int64
    var expiresAt: Int64
    var noticeSentAt: Int64?

    /// When the notice of deletion is due.
    func noticeDue(noticeDays: Int64) -> Int64 { expiresAt - noticeDays * 86_400 }
}
