/// A rule of the platform that a request broke; the reason is shown to the agent as is, in French.
enum DomainError: Error, Equatable, CustomStringConvertible {
    case invalidField(field: String, reason: String)

    var description: String {
        switch self {
        case .invalidField(let field, let reason): "\(field) : \(reason)"
        }
    }
}
