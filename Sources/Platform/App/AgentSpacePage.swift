import PlatformKernel
import Procurement
import Requests

/// "Espace agent": the signed-in agent's entity, its services, and the agents of their organisation
/// with their roles, as the seed's "Gestion des utilisateurs" screen shows them.
package struct AgentSpaceView: Sendable {
    package let organisations: [OrganisationNode]
    package let agents: [AgentRow]
    package let hasAgents: Bool
    /// Whether the agent holds « Visualiser les statistiques »: the « Statistiques » card shows then.
    package let canViewStatistics: Bool
    /// The entity's balance at D-1 (« Solde (au 28/10/2026) : 12 points »), shown to agents holding « Visualiser
    /// les points » (seed 000 §3.1: on the entity's home page).
    package let canViewPoints: Bool
    package let pointsDay: String
    package let pointsBalance: String
    package let pointsNegative: Bool
    /// The platform's administrator credits the entities: the « Créditer des points » card.
    package let canCreditPoints: Bool

    package init(
        organisations: [OrganisationNode], agents: [AgentRow], hasAgents: Bool, canViewStatistics: Bool,
        points: DayBeforeBalance? = nil, canCreditPoints: Bool = false
    ) {
        self.organisations = organisations
        self.agents = agents
        self.hasAgents = hasAgents
        self.canViewStatistics = canViewStatistics
        canViewPoints = points != nil
        pointsDay = points?.day ?? ""
        pointsBalance = points.map { String($0.balance) } ?? ""
        pointsNegative = (points?.balance ?? 0) < 0
        self.canCreditPoints = canCreditPoints
    }

    package struct AgentRow: Sendable {
        package let name: String
        package let login: String
        package let email: String
        package let roles: String

        package init(name: String, login: String, email: String, roles: String) {
            self.name = name
            self.login = login
            self.email = email
            self.roles = roles
        }
    }

    package static func page(
        signedIn: SignedInAgent, tree: OrganisationTree, agents: [(Agent, AgentAuthority)],
        points: DayBeforeBalance? = nil, canCreditPoints: Bool = false
    ) -> Page<AgentSpaceView> {
        let rows = agents.map { agent, authority in
            let roles = authority.roles.values.flatMap { $0 }.map(\.label)
            let rights = authority.administrationRights.map(\.label)
            return AgentRow(
                name: "\(agent.firstName) \(agent.lastName)", login: agent.login, email: agent.email,
                roles: Set(roles + rights).sorted().joined(separator: ", "))
        }
        let tree = OrganisationNode(tree) { "/espace-agent/organisations/\($0.id ?? 0)" }
        return Page(
            "agents/space", title: "Espace agent", audience: .agent, section: .agentSpace,
            user: signedIn.banner,
            content: AgentSpaceView(
                organisations: [tree], agents: rows, hasAgents: !rows.isEmpty,
                canViewStatistics: signedIn.authority.managementRights.contains(.viewStatistics), points: points,
                canCreditPoints: canCreditPoints))
    }
}
