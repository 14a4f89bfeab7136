/// What a company looks for among the published consultations; every criterion left `nil` matches all.
struct ConsultationSearch: Sendable, Equatable {
    /// Searched in the reference, title and object, ignoring case and accents.
    var keyword: String?
    var category: ProcurementCategory?
    /// The first digits of the CPV code, e.g. `45` for every works division or `4521` for a class.
    var cpvPrefix: String?
    /// One page of results: at most `limit` (capped at ``maximumLimit``), after skipping `offset`.
    var limit = 50
    var offset = 0

    static let maximumLimit = 200
}
