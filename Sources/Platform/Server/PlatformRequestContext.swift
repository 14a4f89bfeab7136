import Hummingbird
import Logging
import NIOCore

/// The request context of the platform: Hummingbird's core context plus the signed-in agent, if any.
struct PlatformRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Set by ``SessionMiddleware`` when the request carries a live session cookie.
    var agent: SignedInAgent?
    /// Set by ``SessionMiddleware`` when the request carries a live company session cookie.
    var bidder: SignedInBidder?
    /// Set by ``SessionMiddleware`` when the request carries a live citizen session cookie (`sceau_citoyen`).
    var citizen: SignedInCitizen?
    /// The connection's peer address (`nil` in the router tests), for the sign-in throttle.
    let remoteAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Bodies are streamed by the upload routes; decoded forms and JSON stay small.
    var maxUploadSize: Int { Self.formLimit }

    /// The largest form or JSON body a route decodes: 1 MiB.
    static let formLimit = 1 << 20
}

/// The agent behind a session: who they are, what they hold, and the CSRF token of the session.
struct SignedInAgent: Sendable {
    let agent: Agent
    let authority: AgentAuthority
    let csrfToken: String
    /// The cookie's token, to close the session at sign-out.
    let sessionToken: String
}

/// A company's bidder behind a session.
struct SignedInBidder: Sendable {
    let bidder: Bidder
    let company: Company
    let csrfToken: String
    let sessionToken: String
    /// Set when a deposit job's credential, not a session, stands for the bidder: it acts only on the
    /// deposits of that consultation.
    var depositJob: DepositJobScope? = nil
}

/// What a deposit job's credential may reach: the deposits of one consultation.
struct DepositJobScope: Sendable, Equatable {
    let jobID: String
    let consultationID: Int64
}
