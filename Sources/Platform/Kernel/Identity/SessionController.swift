import Foundation
import Hummingbird

/// Signing in and out, as JSON (`/api/session`) and as the French pages `/connexion` and `/deconnexion`.
package struct SessionController: Sendable {
    package let database: Database
    package let hasher: PasswordHasher
    /// Sessions' lifetime and idle timeout.
    package let sessions: SessionPolicy
    /// Whether cookies carry `Secure` (true unless serving plain HTTP on loopback for development).
    package let secureCookies: Bool
    /// Limits password guessing (issue 15, finding 4).
    package let throttle: SignInThrottle

    package init(
        database: Database, hasher: PasswordHasher, sessions: SessionPolicy, secureCookies: Bool,
        throttle: SignInThrottle
    ) {
        self.database = database
        self.hasher = hasher
        self.sessions = sessions
        self.secureCookies = secureCookies
        self.throttle = throttle
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.post("api/session") { request, context in
            let body = try await request.decode(as: APIModels.SignIn.self, context: context)
            let (signedIn, token) = try await signIn(
                login: body.login, password: body.password, from: throttle.sourceAddress(of: request, context: context))
            var response = try APIModels.SessionInfo(
                agent: .init(signedIn.agent, signedIn.authority), csrfToken: signedIn.csrfToken
            ).response(from: request, context: context)
            response.setCookie(cookie(token))
            return response
        }
        let session = router.group("api/session", context: AgentRequestContext.self)
        session.get { _, context in
            let agent = context.signedIn
            return APIModels.SessionInfo(agent: .init(agent.agent, agent.authority), csrfToken: agent.csrfToken)
        }
        session.delete { _, context in
            let agent = context.signedIn
            try await database.session { sql in try await SessionRepository(sql: sql).close(token: agent.sessionToken) }
            var response = Response(status: .noContent)
            response.setCookie(expired())
            return response
        }
        router.get("connexion") { request, _ in
            SignInView.agent(error: nil, sessionEnded: SignInView.endedByInactivity(request))
        }
        // What a page's « Rester connecté » (and typing in a long form) calls: the session middleware has
        // already counted the request as activity, for whichever session cookies the browser holds.
        router.get("session/activite") { _, context in
            Response(status: context.agent != nil || !context.identities.isEmpty ? .noContent : .unauthorized)
        }
        router.post("connexion") { request, context in
            let form = try await URLEncodedFormDecoder().decode(
                APIModels.SignIn.self, from: request, context: context)
            do {
                let (_, token) = try await signIn(
                    login: form.login, password: form.password,
                    from: throttle.sourceAddress(of: request, context: context))
                var response = Response.redirect(to: "/espace-agent", type: .found)
                response.setCookie(cookie(token))
                return response
            } catch let error as HTTPError where [.unauthorized, .tooManyRequests].contains(error.status) {
                var response = try SignInView.agent(error: error.body ?? "", login: form.login).response(
                    status: error.status, from: request, context: context)
                response.headers.append(contentsOf: error.headers)
                return response
            }
        }
        router.post("deconnexion") { _, context in
            if let agent = context.agent {
                try await database.session { sql in
                    try await SessionRepository(sql: sql).close(token: agent.sessionToken)
                }
            }
            var response = Response.redirect(to: "/connexion", type: .found)
            response.setCookie(expired())
            return response
        }
    }

    /// Checks the password and opens a session; the same answer for an unknown login and a wrong password,
    /// throttled per login and per source `address`.
    package func signIn(login: String, password: String, from address: String?) async throws -> (SignedInAgent, String)
    {
        let found = try await throttle.attempt(.agent(login: login), from: address) {
            let found = try await database.session { sql in
                try await AgentRepository(sql: sql).credentials(login: login)
            }
            guard try await hasher.check(password, against: found?.passwordHash), let found else { throw Self.refused }
            return found
        }
        guard let id = found.agent.id else { throw Self.refused }
        return try await database.transaction { sql in
            let (token, csrf) = try await SessionRepository(sql: sql).open(ownerID: id, policy: sessions)
            let authority = try await AgentRepository(sql: sql).authority(of: found.agent)
            return (
                SignedInAgent(agent: found.agent, authority: authority, csrfToken: csrf, sessionToken: token), token
            )
        }
    }

    package static let refused = HTTPError(.unauthorized, message: "Identifiant ou mot de passe incorrect.")

    private func cookie(_ token: String) -> Cookie {
        Cookie(
            name: SessionKind.agent.cookieName, value: token, maxAge: Int(sessions.lifetime), path: "/",
            secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    private func expired() -> Cookie {
        Cookie(
            name: SessionKind.agent.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookies,
            httpOnly: true, sameSite: .strict)
    }
}
