import HTTPTypes

extension DomainError {
    /// The HTTP status that fits the error: 400 for a field, 403 for a missing right, 404 for what is absent
    /// or out of sight, 409 for a conflict, 422 for a count limit reached, 413 for a size limit exceeded.
    package var status: HTTPResponse.Status {
        switch self {
        case .invalidField: .badRequest
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .tooMany: .unprocessableContent
        case .tooLarge: .contentTooLarge
        }
    }
}
