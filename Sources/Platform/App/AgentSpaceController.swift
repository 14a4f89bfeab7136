import Hummingbird
import PlatformKernel
import Procurement
import Requests

/// The agent's pages; without a session they send the browser to "Connexion".
package struct AgentSpaceController: Sendable {
    package let service: AdministrationService
    /// The entity's balance at D-1 and whether the agent credits points; none without it.
    package var points: PointsService?

    package init(service: AdministrationService, points: PointsService? = nil) {
        self.service = service
        self.points = points
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("espace-agent") { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let tree = try await service.visibleTree(for: signedIn.authority)
            let agents = try await service.agents(of: signedIn.agent.organisationID, for: signedIn.authority)
            var balance: DayBeforeBalance?
            var canCredit = false
            if let points {
                if signedIn.authority.managementRights.contains(.viewPoints) {
                    balance = try await points.dayBeforeBalance(for: signedIn.authority)
                }
                canCredit = try await points.isPlatformAdministrator(signedIn.agent.id ?? 0)
            }
            return try AgentSpaceView.page(
                signedIn: signedIn, tree: tree, agents: agents, points: balance, canCreditPoints: canCredit
            )
            .response(from: request, context: context)
        }
    }
}
