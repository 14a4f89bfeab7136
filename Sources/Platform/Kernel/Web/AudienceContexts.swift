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
