import Hummingbird
import Logging
import NIOCore

/// The request context of the platform: Hummingbird's core context plus the signed-in agent, if any.
package struct PlatformRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    /// Set by ``SessionMiddleware`` when the request carries a live session cookie.
    package var agent: SignedInAgent?
    /// Set by ``SessionMiddleware`` when the request carries a live company session cookie.
    package var bidder: SignedInBidder?
    /// Set by ``SessionMiddleware`` when the request carries a live citizen session cookie (`sceau_citoyen`).
    package var citizen: SignedInCitizen?

    package init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies are streamed by the upload routes; decoded forms and JSON stay small.
    package var maxUploadSize: Int { Self.formLimit }

    /// The largest form or JSON body a route decodes: 1 MiB.
    package static let formLimit = 1 << 20
}

/// The agent behind a session: who they are, what they hold, and the CSRF token of the session.
package struct SignedInAgent: Sendable {
    package let agent: Agent
    package let authority: AgentAuthority
    package let csrfToken: String
    /// The cookie's token, to close the session at sign-out.
    package let sessionToken: String
}

/// A company's bidder behind a session.
package struct SignedInBidder: Sendable {
    package let bidder: Bidder
    package let company: Company
    package let csrfToken: String
    package let sessionToken: String
    /// Set when a deposit job's credential, not a session, stands for the bidder: it acts only on the
    /// deposits of that consultation.
    package var depositJob: DepositJobScope? = nil
}

/// What a deposit job's credential may reach: the deposits of one consultation.
package struct DepositJobScope: Sendable, Equatable {
    package let jobID: String
    package let consultationID: Int64
}
