import Hummingbird
import Logging
import NIOCore

/// The request context of the platform: Hummingbird's core context plus who is signed in. The kernel knows
/// agents; the feature libraries add their audiences (a company's bidder, a citizen) through
/// ``SessionResolver``s, stored by type in ``identities`` and read through their own accessors.
package struct PlatformRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// Set by ``SessionMiddleware`` when the request carries a live session cookie.
    package var agent: SignedInAgent?
    /// The other audiences' identities the resolvers found.
    package var identities = SignedInIdentities()
    /// The request's `Authorization: Bearer` secret, read once by ``SessionMiddleware``.
    package var bearer: BearerCredential?
    /// The connection's peer address (`nil` in the router tests), for the sign-in throttle.
    package let remoteAddress: String?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are streamed by the upload routes; decoded forms and JSON stay small.
    package var maxUploadSize: Int { Self.formLimit }

    /// The largest form or JSON body a route decodes: 1 MiB.
    package static let formLimit = 1 << 20

    /// The CSRF token a public form (sign-in, registration, forgotten password) carries while the browser holds
    /// a session of any audience: ``SessionMiddleware`` then asks every form for one of the sessions' tokens.
    package var formToken: String? { agent?.csrfToken ?? identities.csrfTokens.first }
}

/// The agent behind a session: who they are, what they hold, and the CSRF token of the session.
package struct SignedInAgent: Sendable {
    package let agent: Agent
    package let authority: AgentAuthority
    package let csrfToken: String
    /// The cookie's token, to close the session at sign-out.
    package let sessionToken: String
    /// Seconds of inactivity that end the session (its pages warn before), 0 when unknown.
    package var idleTimeout: Int64

    package init(
        agent: Agent, authority: AgentAuthority, csrfToken: String, sessionToken: String, idleTimeout: Int64 = 0
    ) {
        self.agent = agent
        self.authority = authority
        self.csrfToken = csrfToken
        self.sessionToken = sessionToken
        self.idleTimeout = idleTimeout
    }
}
