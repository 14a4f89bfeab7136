import PlatformKernel

/// The state of a request's form data ("cycle de vie des données"), apart from the request's own state.
package enum RequestDataState: String, Codable, CaseIterable, Sendable {
    case pending
    case validated
    case invalid

    package var label: String {
        switch self {
        case .pending: "En attente"
        case .validated: "Validées"
        case .invalid: "Invalides"
        }
    }

    /// The data lifecycle as a table: from each state, where an agent may put the data.
    package static let transitions: [RequestDataState: [RequestDataState]] = [
        .pending: [.validated, .invalid],
        .invalid: [.validated, .pending],
        .validated: [.invalid],
    ]

    package func check(to next: RequestDataState) throws(RequestError) {
        let allowed = Self.transitions[self] ?? []
        guard allowed.contains(next) else {
            throw .dataTransitionRefused(from: self, to: next, allowed: allowed)
        }
    }
}
