/// A document in a household's document space ("espace documents"), reusable across requests.
package struct CitizenDocument: Codable, Sendable, Equatable {
    package var id: Int64?
    package var householdID: Int64
    /// The kind asked for by teleservices, e.g. "Justificatif de domicile".
    package var kind: String
    package var fileName: String
    package var sha256: String
    package var createdAt: Int64
}

/// A document attached to one request, with its state there: the same citizen's document may be
/// validated on one request and refused on another.
package struct RequestDocument: Codable, Sendable, Equatable {
    package var requestID: Int64
    package var document: CitizenDocument
    package var state: DocumentState = .pending
    /// "Valable jusqu'au".
    package var validUntil: CivilDate?
    /// A comment the citizen reads in their space.
    package var comment: String = ""
}
