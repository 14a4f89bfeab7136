/// A rule of the platform that a request broke; the reason is shown to the agent as is, in French.
package enum DomainError: Error, Equatable, CustomStringConvertible {
    /// A field's value breaks a rule; fix the field and submit again.
    case invalidField(field: String, reason: String)
    /// The agent lacks the right; the reason names the right to ask an administrator for.
    case forbidden(reason: String)
    /// What the request names does not exist, or is outside what the agent may see.
    case notFound(what: String)
    /// The request conflicts with the current state (a duplicate, something still attached).
    case conflict(reason: String)
    /// A count the platform limits is reached (deposits in progress, files in an envelope); the reason says the
    /// limit and what to do.
    case tooMany(reason: String)
    /// A size the platform limits is exceeded (a file, a deposit, a DCE); the reason says the limit and what to do.
    case tooLarge(reason: String)

    package var description: String {
        switch self {
        case .invalidField(let field, let reason): "\(field) : \(reason)"
        case .forbidden(let reason): reason
        case .notFound(let what): "\(what) introuvable."
        case .conflict(let reason): reason
        case .tooMany(let reason): reason
        case .tooLarge(let reason): reason
        }
    }
}
