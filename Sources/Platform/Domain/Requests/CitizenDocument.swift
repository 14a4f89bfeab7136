/// A document in a household's document space ("espace documents"), reusable across requests.
struct CitizenDocument: Codable, Sendable, Equatable {
    var id: Int64?
    var householdID: Int64
    /// The kind asked for by teleservices, e.g. "Justificatif de domicile".
    var kind: String
    var fileName: String
    var sha256: String
    var createdAt: Int64
}

/// A document attached to one request, with its state there: the same citizen's document may be
/// validated on one request and refused on another.
struct RequestDocument: Codable, Sendable, Equatable {
    var requestID: Int64
    var document: CitizenDocument
    var state: DocumentState = .pending
    /// "Valable jusqu'au".
    var validUntil: CivilDate?
    /// A comment the citizen reads in their space.
    var comment: String = ""
}
