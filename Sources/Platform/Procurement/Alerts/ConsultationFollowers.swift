import PlatformKernel
import SQLKit

/// The agents who follow a consultation — its author, the agents invited on it, those who marked it ★ on the
/// « Tableau de bord » — and, among them, who receives an alert: those who chose it on « Mon compte » and may
/// still see the consultation (the rights are read again at each alert; a lost access means no mail).
package enum ConsultationFollowers {
    /// The followers' ids.
    package static func ids(of consultation: Consultation, sql: any SQLDatabase) async throws -> Set<Int64> {
        var ids: Set<Int64> = [consultation.createdBy]
        ids.formUnion(consultation.invitations.map(\.agentID))
        if let id = consultation.id { ids.formUnion(try await FavouriteRepository(sql: sql).agents(marking: id)) }
        return ids
    }

    /// The followers who chose `alert` and may see the consultation, `excluding` the agent who caused it, by id.
    package static func recipients(
        of alert: ProcurementAlert, for consultation: Consultation, excluding: Int64? = nil, sql: any SQLDatabase
    ) async throws -> [Agent] {
        guard let consultationID = consultation.id else { return [] }
        var followers = try await ids(of: consultation, sql: sql)
        if let excluding { followers.remove(excluding) }
        let chosen = try await AgentAlertRepository(sql: sql).subscribers(of: alert.rawValue, among: followers)
        let agents = AgentRepository(sql: sql)
        var recipients: [Agent] = []
        for id in chosen.sorted() {
            guard let agent = try await agents.find(id) else { continue }
            do {
                _ = try await ConsultationService.access(
                    consultationID, for: try await agents.authority(of: agent), sql: sql)
            } catch is DomainError {
                continue
            }
            recipients.append(agent)
        }
        return recipients
    }
}
