import PlatformKernel

/// The state of a supporting document attached to a request ("cycle de vie des pièces justificatives").
package enum DocumentState: String, Codable, CaseIterable, Sendable {
    case pending
    case validated
    case refused
    case outdated

    package var label: String {
        switch self {
        case .pending: "En attente"
        case .validated: "Validé"
        case .refused: "Refusé"
        case .outdated: "Périmé"
        }
    }

    /// The document lifecycle as a table, after CapDémat's: a refused or outdated document goes back to
    /// "En attente" for a new examination (a new file from the citizen); an agent may also refuse a document
    /// validated by mistake.
    package static let transitions: [DocumentState: [DocumentState]] = [
        .pending: [.validated, .refused, .outdated],
        .validated: [.refused, .outdated],
        .refused: [.validated, .pending],
        .outdated: [.pending],
    ]

    package func check(to next: DocumentState) throws(RequestError) {
        let allowed = Self.transitions[self] ?? []
        guard allowed.contains(next) else {
            throw .documentTransitionRefused(from: self, to: next, allowed: allowed)
        }
    }

    /// The state as read on `day`: a validated document whose validity date ("valable jusqu'au") has passed
    /// counts as outdated.
    package func effective(validUntil: CivilDate?, on day: CivilDate) -> DocumentState {
        if self == .validated, let validUntil, validUntil < day { return .outdated }
        return self
    }
}
