import Hummingbird
import PlatformKernel
import Procurement
import Requests

/// The agent's pages; without a session they send the browser to "Connexion".
package struct AgentSpaceController: Sendable {
    package let service: AdministrationService

    package init(service: AdministrationService) {
        self.service = service
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("espace-agent") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let tree = try await service.visibleTree(for: signedIn.authority)
            let agents = try await service.agents(of: signedIn.agent.organisationID, for: signedIn.authority)
            return try AgentSpaceView.page(signedIn: signedIn, tree: tree, agents: agents)
                .response(from: request, context: context)
        }
    }
}
