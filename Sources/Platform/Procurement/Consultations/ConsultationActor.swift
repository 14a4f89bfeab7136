import PlatformKernel

/// What the acting agent may do on one consultation; filled by the rights engine, read by
/// ``ConsultationLifecycle``.
package struct ConsultationActor: Sendable, Equatable {
    package var agentID: Int64
    /// May validate a consultation awaiting validation.
    package var canValidate: Bool = false
    /// May move a consultation past its deadline to "Ouverture et Analyse" (PCAO / PRM).
    package var canOpen: Bool = false
    /// May record and reset decisions.
    package var canDecide: Bool = false
    /// Created the consultation, belongs to its service or is invited: required for every action.
    package var hasAccess: Bool = false

    package init(
        agentID: Int64, canValidate: Bool = false, canOpen: Bool = false, canDecide: Bool = false,
        hasAccess: Bool = false
    ) {
        self.agentID = agentID
        self.canValidate = canValidate
        self.canOpen = canOpen
        self.canDecide = canDecide
        self.hasAccess = hasAccess
    }
}
