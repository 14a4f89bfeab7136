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

    package init(organisations: [OrganisationNode], agents: [AgentRow], hasAgents: Bool, canViewStatistics: Bool) {
        self.organisations = organisations
        self.agents = agents
        self.hasAgents = hasAgents
        self.canViewStatistics = canViewStatistics
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

    package static func page(signedIn: SignedInAgent, tree: OrganisationTree, agents: [(Agent, AgentAuthority)])
        -> Page<AgentSpaceView>
    {
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
                canViewStatistics: signedIn.authority.managementRights.contains(.viewStatistics)))
    }
}
