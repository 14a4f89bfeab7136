import PlatformKernel

/// A document in a household's document space ("espace documents"), reusable across requests.
package struct CitizenDocument: Codable, Sendable, Equatable {
    package var id: Int64?
    package var householdID: Int64
    /// The kind asked for by teleservices, e.g. "Justificatif de domicile".
    package var kind: String
    package var fileName: String
    package var sha256: String
    package var createdAt: Int64

    package init(
        id: Int64? = nil, householdID: Int64, kind: String, fileName: String, sha256: String, createdAt: Int64
    ) {
        self.id = id
        self.householdID = householdID
        self.kind = kind
        self.fileName = fileName
        self.sha256 = sha256
        self.createdAt = createdAt
    }
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

    package init(
        requestID: Int64, document: CitizenDocument, state: DocumentState = .pending, validUntil: CivilDate? = nil,
        comment: String = ""
    ) {
        self.requestID = requestID
        self.document = document
        self.state = state
        self.validUntil = validUntil
        self.comment = comment
    }
}
