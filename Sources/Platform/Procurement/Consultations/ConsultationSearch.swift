import PlatformKernel

/// What a company looks for among the published consultations; every criterion left `nil` matches all.
package struct ConsultationSearch: Sendable, Equatable {
    /// Searched in the reference, title and object, ignoring case and accents.
    package var keyword: String?
    package var category: ProcurementCategory?
    /// The first digits of the CPV code, e.g. `45` for every works division or `4521` for a class.
    package var cpvPrefix: String?
    /// One page of results: at most `limit` (capped at ``maximumLimit``), after skipping `offset`.
    package var limit = 50
    package var offset = 0

    package static let maximumLimit = 200
}
