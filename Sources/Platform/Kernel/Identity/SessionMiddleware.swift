import Foundation
import HTTPTypes
import Hummingbird

/// Finds the agent of the session cookie, runs the other audiences' ``SessionResolver``s and, for every
/// request that changes something, checks the CSRF token (header `X-CSRF-Token` or form field `_csrf`) and
/// that `Origin`, when sent, is ours. It reads the `Authorization: Bearer` secret once into
/// ``PlatformRequestContext/bearer``; the assistant's job routes (`/api/jobs/…`) ignore cookies and take only
/// that (``JobBearerRequestContext``).
package struct SessionMiddleware: RouterMiddleware {
    package typealias Context = PlatformRequestContext
    package static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    package let database: Database
    /// The other audiences' sessions (bidders, citizens), from the feature libraries.
    package let resolvers: [any SessionResolver]
    /// The agents' sessions' lifetime and idle timeout.
    package let sessions: SessionPolicy

    package init(database: Database, resolvers: [any SessionResolver], sessions: SessionPolicy = SessionPolicy()) {
        self.database = database
        self.resolvers = resolvers
        self.sessions = sessions
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        var request = request
        // The assistant's job routes authenticate with their bearer credential only: no cookie counts there,
        // so neither a page's session nor its CSRF token does (the `Origin` check below still applies).
        let takesCookies = !request.uri.path.hasPrefix("/api/jobs/")
        context.bearer = BearerCredential(request: request)
        if takesCookies, let token = request.cookies[SessionKind.agent.cookieName]?.value {
            let sessions = sessions
            context.agent = try await database.session { sql in
                guard let session = try await SessionRepository(sql: sql).find(token: token, policy: sessions)
                else { return nil }
                let agents = AgentRepository(sql: sql)
                guard let agent = try await agents.find(session.ownerID) else { return nil }
                return SignedInAgent(
                    agent: agent, authority: try await agents.authority(of: agent), csrfToken: session.csrfToken,
                    sessionToken: token, idleTimeout: sessions.idleTimeout)
            }
        }
        for resolver in resolvers {
            try await resolver.resolve(request, takesCookies: takesCookies, into: &context)
        }
        let tokens = [context.agent?.csrfToken].compactMap { $0 } + context.identities.csrfTokens
        if Self.changesState(request.method) {
            // A browser names the page's origin: another site's form (a forged sign-in included) is refused.
            try Self.checkOrigin(of: request)
            if !tokens.isEmpty { try await Self.checkCSRF(of: &request, expected: tokens, context: context) }
        }
        return try await next(request, context)
    }

    package static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }

    /// A browser sends `Origin` on cross-site POSTs: refuse any that is not this server.
    package static func checkOrigin(of request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        guard let host = request.head.authority else { return }
        let allowed = ["http://\(host)", "https://\(host)"]
        guard allowed.contains(origin) else {
            throw HTTPError(.forbidden, message: "Requête refusée : elle vient d'un autre site (\(origin)).")
        }
    }

    private static func checkCSRF(of request: inout Request, expected: [String], context: Context) async throws {
        if let header = request.headers[csrfHeader] {
            guard expected.contains(where: { SessionToken.equal(header, $0) }) else {
                throw HTTPError(.forbidden, message: "Jeton anti-CSRF invalide : rechargez la page.")
            }
            return
        }
        let isForm = request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") ?? false
        if isForm {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            if let field = FormFields(String(buffer: body))["_csrf"],
                expected.contains(where: { SessionToken.equal(field, $0) })
            {
                return
            }
        }
        throw HTTPError(.forbidden, message: "Jeton anti-CSRF absent ou invalide : rechargez la page.")
    }
}
