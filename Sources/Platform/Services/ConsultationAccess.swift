import SQLKit

/// What an agent may do on one consultation: the rights of their roles on its service (held there or
/// above), read access for invited agents; nothing, shown as "not found", outside their entity.
enum ConsultationAccess {
    static func rights(of actor: AgentAuthority, on consultation: Consultation, sql: any SQLDatabase) async throws
        -> Set<ConsultationRight>
    {
        let path = try await AdministrationService.visiblePath(to: consultation.organisationID, for: actor, sql: sql)
        var rights = actor.consultationRights(on: path)
        if consultation.invitations.contains(where: { $0.agentID == actor.agentID })
            || consultation.createdBy == actor.agentID
        {
            rights.insert(.read)
        }
        guard rights.contains(.read) else { throw DomainError.notFound(what: "Consultation") }
        return rights
    }

    /// The consultation with the agent's rights on it, requiring `right`.
    static func require(
        _ right: ConsultationRight, consultationID: Int64, actor: AgentAuthority, sql: any SQLDatabase
    ) async throws -> (Consultation, OrganisationPath) {
        guard let consultation = try await ConsultationRepository(sql: sql).find(id: consultationID) else {
            throw DomainError.notFound(what: "Consultation")
        }
        let rights = try await rights(of: actor, on: consultation, sql: sql)
        guard rights.contains(right) else {
            throw DomainError.forbidden(
                reason: "Votre rôle ne permet pas cette action sur cette consultation (\(right.label)).")
        }
        return (consultation, try await OrganisationRepository(sql: sql).path(to: consultation.organisationID))
    }
}
