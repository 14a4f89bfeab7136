import Hummingbird

/// The secret of an `Authorization: Bearer …` header: how the assistant authenticates on the routes of a
/// job it was handed (a one-time token to claim it, then the job's credential). ``SessionMiddleware`` reads it
/// once per request into ``PlatformRequestContext/bearer``; cookies never stand in for it.
package struct BearerCredential: Sendable, Equatable {
    package let secret: String

    package init(secret: String) {
        self.secret = secret
    }

    /// The request's bearer secret, or nil when the header is absent, of another scheme or empty.
    package init?(request: Request) {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return nil
        }
        let secret = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard !secret.isEmpty else { return nil }
        self.secret = secret
    }
}

/// A bearer route refused for its credential (401, `WWW-Authenticate: Bearer`). The message says what to do
/// and never whether the job exists.
package struct BearerRefused: UserFacingError, Equatable {
    package let message: String

    package init(message: String) {
        self.message = message
    }

    package var status: HTTPResponse.Status { .unauthorized }
    package var headers: HTTPFields { [.wwwAuthenticate: "Bearer"] }
    package var description: String { message }

    /// No bearer credential at all.
    package static let missing = BearerRefused(
        message: "Cette adresse demande un en-tête « Authorization: Bearer <jeton> » : seul l'assistant qui a "
            + "reçu la tâche peut l'appeler.")
}
