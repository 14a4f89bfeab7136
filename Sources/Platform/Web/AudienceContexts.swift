import Hummingbird

/// The context of the agents' routes: a signed-in agent, always. A route group built with
/// `router.group("…", context: AgentRequestContext.self)` refuses a request without an agent's session
/// (401: ``ErrorMiddleware`` sends a browser to "Connexion").
package struct AgentRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let signedIn: SignedInAgent

    package init(context: PlatformRequestContext) throws {
        guard let agent = context.agent else {
            throw HTTPError(.unauthorized, message: "Connectez-vous pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = agent
    }

    package var maxUploadSize: Int { PlatformRequestContext.formLimit }
}

/// The context of the companies' routes: a signed-in bidder (or a deposit job's credential standing for one).
package struct BidderRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let signedIn: SignedInBidder

    package init(context: PlatformRequestContext) throws {
        guard let bidder = context.bidder else {
            throw HTTPError(.unauthorized, message: "Connectez-vous avec le compte de votre entreprise pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = bidder
    }

    package var maxUploadSize: Int { PlatformRequestContext.formLimit }
}

/// The context of the citizens' routes: a signed-in household.
package struct CitizenRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let signedIn: SignedInCitizen

    package init(context: PlatformRequestContext) throws {
        guard let citizen = context.citizen else {
            throw HTTPError(.unauthorized, message: "Connectez-vous à votre compte foyer pour continuer.")
        }
        coreContext = context.coreContext
        signedIn = citizen
    }

    package var maxUploadSize: Int { PlatformRequestContext.formLimit }
}
