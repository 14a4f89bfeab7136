import SQLKit

extension AdministrationService {
    /// An entity keeps at least one agent of its own who holds « Créer des administrateurs »: without one,
    /// nobody could ever grant administration rights in it again. Refuses (409) a change that would take the
    /// right from the last such agent, whether they withdraw it from themselves or someone deletes them.
    static func requireAnotherAdministrator(
        whenRemoving agent: Agent, in path: OrganisationPath, sql: any SQLDatabase
    ) async throws {
        guard path.organisations.count == 1, let entityID = path.entity.id, let agentID = agent.id else { return }
        let agents = AgentRepository(sql: sql)
        for other in try await agents.agents(in: [entityID]) where other.id != agentID {
            if try await agents.authority(of: other).administrationRights.contains(.createAdministrators) { return }
        }
        throw DomainError.conflict(
            reason: "\(path.entity.name) doit garder au moins un agent qui détient « "
                + AdministrationRight.createAdministrators.label
                + " » : donnez d'abord ce droit à un autre agent de l'entité.")
    }
}
