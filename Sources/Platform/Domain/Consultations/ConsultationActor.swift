/// What the acting agent may do on one consultation; filled by the rights engine, read by
/// ``ConsultationLifecycle``.
struct ConsultationActor: Sendable, Equatable {
    var agentID: Int64
    /// May validate a consultation awaiting validation.
    var canValidate: Bool = false
    /// May move a consultation past its deadline to "Ouverture et Analyse" (PCAO / PRM).
    var canOpen: Bool = false
    /// May record and reset decisions.
    var canDecide: Bool = false
    /// Created the consultation, belongs to its service or is invited: required for every action.
    var hasAccess: Bool = false
}
