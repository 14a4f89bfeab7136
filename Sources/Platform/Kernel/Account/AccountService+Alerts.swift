import SQLKit

extension JournalAction {
    /// An agent changed their choice of « Mes alertes électroniques ».
    package static let agentAlertsChanged: JournalAction = "agent.alerts-changed"
}

extension AccountService {
    /// « Mes alertes électroniques »: each kind the platform sends (``alertKinds``) with whether the agent
    /// chose it, in the declared order.
    package func alerts(of signedIn: SignedInAgent) async throws -> [(kind: AgentAlertKind, chosen: Bool)] {
        guard let id = signedIn.agent.id else { throw DomainError.notFound(what: "Agent") }
        let chosen = try await database.session { sql in try await AgentAlertRepository(sql: sql).kinds(of: id) }
        return alertKinds.map { ($0, chosen.contains($0.id)) }
    }

    /// Saves the agent's choice (the kinds ticked; any other is refused) and journals it.
    package func setAlerts(_ ids: [String], of signedIn: SignedInAgent) async throws {
        guard let id = signedIn.agent.id else { throw DomainError.notFound(what: "Agent") }
        let known = Set(alertKinds.map(\.id))
        let chosen = Set(ids)
        guard chosen.isSubset(of: known) else {
            throw DomainError.invalidField(
                field: "alertes", reason: "Une alerte choisie n'existe pas : rechargez la page et cochez de nouveau.")
        }
        try await database.transaction { sql in
            try await AgentAlertRepository(sql: sql).setKinds(chosen, of: id)
            try await Self.journal(
                .agentAlertsChanged, of: signedIn.agent, sql: sql,
                details: ["alerts": chosen.sorted().joined(separator: ",")])
        }
    }
}
