import Hummingbird

/// The context of the agents' routes: a signed-in agent, always. A route group built with
/// `router.group("…", context: AgentRequestContext.self)` refuses a request without an agent's session
/// (401: ``ErrorMiddleware`` sends a browser to "Connexion").
struct AgentRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedInAgent

    init(context: PlatformRequestContext) throws {
        guard let agent = context.agent else {
            throw HTTPError(.unauthorized, message: "Connectez-vous pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = agent
    }

    var maxUploadSize: Int { PlatformRequestContext.formLimit }
}

/// The context of the companies' routes: a signed-in bidder (or a deposit job's credential standing for one).
struct BidderRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedInBidder

    init(context: PlatformRequestContext) throws {
        guard let bidder = context.bidder else {
            throw HTTPError(.unauthorized, message: "Connectez-vous avec le compte de votre entreprise pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = bidder
    }

    var maxUploadSize: Int { PlatformRequestContext.formLimit }
}

/// The context of the citizens' routes: a signed-in household.
struct CitizenRequestContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let signedIn: SignedInCitizen

    init(context: PlatformRequestContext) throws {
        guard let citizen = context.citizen else {
            throw HTTPError(.unauthorized, message: "Connectez-vous à votre compte foyer pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = citizen
    }

    var maxUploadSize: Int { PlatformRequestContext.formLimit }
}
