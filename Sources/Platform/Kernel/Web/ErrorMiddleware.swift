import Hummingbird

/// The one way an error answers: every ``DomainError`` and `HTTPError` thrown by a route becomes, for a
/// page, the French error page with the error's status, and for the JSON API (`/api/…`, or a script asking
/// for JSON) Hummingbird's `{"error": {"message": …}}` with the same status and message.
package struct ErrorMiddleware: RouterMiddleware {
    package init() {}

    package typealias Context = PlatformRequestContext

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as any UserFacingError {
            guard Self.wantsPage(request) else {
                throw HTTPError(error.status, headers: error.headers, message: error.description)
            }
            return try Self.page(error.status, error.description, request: request, context: context)
        } catch let error as HTTPError {
            guard Self.wantsPage(request) else {
                guard error.body == nil else { throw error }
                let audience = Audience.of(path: request.uri.path)
                throw HTTPError(
                    error.status,
                    message: ErrorPageModel(status: error.status, message: nil, audience: audience).message)
            }
            if error.status == .unauthorized && request.method == .get {
                return .redirect(to: Audience.of(path: request.uri.path).signIn.path, type: .found)
            }
            return try Self.page(error.status, error.body, request: request, context: context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error(
                "Unexpected error on \(request.method) \(request.uri.path): \(String(reflecting: error))")
            let message = ErrorPageModel(status: .internalServerError, message: nil, audience: .visitor).message
            guard Self.wantsPage(request) else { throw HTTPError(.internalServerError, message: message) }
            return try Self.page(.internalServerError, message, request: request, context: context)
        }
    }

    /// JSON for the API and for scripts that ask for it; a page for everything a browser navigates to.
    package static func wantsPage(_ request: Request) -> Bool {
        if request.uri.path.hasPrefix("/api/") { return false }
        let accept = request.headers[.accept] ?? ""
        return !(accept.contains("application/json") && !accept.contains("text/html"))
    }

    private static func page(
        _ status: HTTPResponse.Status, _ message: String?, request: Request, context: Context
    ) throws -> Response {
        let audience = Audience.of(path: request.uri.path)
        let model = ErrorPageModel(status: status, message: message, audience: audience)
        return try Page("web/error", title: model.heading, audience: audience, content: model)
            .response(status: status, from: request, context: context)
    }
}

/// What `web/error.mustache` shows: what happened, in French, and where to go from there.
package struct ErrorPageModel: Sendable {
    package let heading: String
    package let message: String
    package let nextLabel: String
    package let nextPath: String

    package init(status: HTTPResponse.Status, message: String?, audience: Audience) {
        switch status {
        case .notFound:
            heading = "Page introuvable"
            self.message =
                message ?? "L'adresse demandée ne correspond à aucune page. Vérifiez-la ou repartez de l'accueil."
        case .unauthorized:
            heading = "Connexion nécessaire"
            self.message = message ?? "Connectez-vous pour continuer."
        case .forbidden:
            heading = "Accès refusé"
            self.message = message ?? "Vous n'avez pas le droit d'accéder à cette page."
        default:
            heading = status.code >= 500 ? "Erreur de la plateforme" : "Action impossible"
            self.message = message ?? "La plateforme n'a pas pu traiter la demande. Réessayez dans un instant."
        }
        if status == .unauthorized {
            (nextLabel, nextPath) = audience.signIn
        } else {
            (nextLabel, nextPath) = audience.start
        }
    }
}
