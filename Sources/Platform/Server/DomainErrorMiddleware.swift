import Foundation
import Hummingbird

/// Turns a ``DomainError`` into the HTTP status that fits it, with the French reason as the message:
/// 400 for a field, 403 for a missing right, 404 for what is absent or out of sight, 409 for a conflict.
struct DomainErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as DomainError {
            throw HTTPError(Self.status(of: error), message: error.description)
        }
    }

    static func status(of error: DomainError) -> HTTPResponse.Status {
        switch error {
        case .invalidField: .badRequest
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }
}
