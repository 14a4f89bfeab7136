import SQLKit

extension ConsultationRepository {
    /// The consultations `agentID` created or is invited to, whatever their service.
    func consultations(involving agentID: Int64) async throws -> [Consultation] {
        let created = try await models(select().where("created_by", .equal, agentID).orderBy("id"))
        let invitedIDs = try await sql.select().column("consultation_id").from("consultation_invitations")
            .where("agent_id", .equal, agentID)
            .all(decodingColumn: "consultation_id", as: Int64.self)
        let missing = invitedIDs.filter { id in !created.contains { $0.id == id } }
        guard !missing.isEmpty else { return created }
        return created + (try await models(select().where("id", .in, missing).orderBy("id")))
    }
}
