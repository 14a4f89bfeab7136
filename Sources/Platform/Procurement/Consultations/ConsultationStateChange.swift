import PlatformKernel

/// One row of a consultation's state history: who moved it, from where to where, and when.
package struct ConsultationStateChange: Codable, Sendable, Equatable {
    /// `nil` for the creation.
    package var from: ConsultationState?
    package var to: ConsultationState
    package var agentID: Int64
    /// Whole seconds since 1970, UTC.
    package var at: Int64
    package var comment: String = ""

    package init(
        from: ConsultationState? = nil, to: ConsultationState, agentID: Int64, at: Int64, comment: String = ""
    ) {
        self.from = from
        self.to = to
        self.agentID = agentID
        self.at = at
        self.comment = comment
    }
}
