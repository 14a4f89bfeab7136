/// One row of a consultation's state history: who moved it, from where to where, and when.
struct ConsultationStateChange: Codable, Sendable, Equatable {
    /// `nil` for the creation.
    var from: ConsultationState?
    var to: ConsultationState
    var agentID: Int64
    /// Whole seconds since 1970, UTC.
    var at: Int64
    var comment: String = ""
}
