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

/// The context of the routes the assistant calls for a job it was handed (`/api/jobs/…`,
/// `/api/deposit-jobs/…/claim`): a bearer secret, always, and no cookie identity. The route checks the
/// secret against its job; a request without one is refused here (401, ``BearerRefused/missing``).
package struct JobBearerRequestContext: ChildRequestContext {
    package var coreContext: CoreRequestContextStorage
    package let bearer: BearerCredential

    package init(context: PlatformRequestContext) throws {
        guard let bearer = context.bearer else { throw BearerRefused.missing }
        coreContext = context.coreContext
        self.bearer = bearer
    }

    package var maxUploadSize: Int { PlatformRequestContext.formLimit }
}
