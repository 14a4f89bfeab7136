import PlatformKernel
import SQLKit

extension ConsultationService {
    /// Debits the consultation's entity for putting it online (« Consultation »), in the validation's transaction:
    /// once per consultation whatever happens next (the kernel's ledger refuses a second debit), at the tariff of
    /// its procedure (Mapa or formal), never refused for an insufficient balance (`Kernel/Points`).
    static func debitPublication(
        _ consultation: Consultation, by authority: AgentAuthority, path: OrganisationPath, tariff: PointsTariff,
        sql: any SQLDatabase, at now: Int64
    ) async throws {
        guard let id = consultation.id, let entityID = path.entity.id else { return }
        try await PointsService.debitPublication(
            PointsService.Publication(
                consultationID: id, reference: consultation.reference.value, entityID: entityID,
                serviceID: consultation.organisationID, use: consultation.procedureType.pointsUse,
                agentID: authority.agentID),
            tariff: tariff, sql: sql, at: now)
    }
}

extension ProcedureType {
    /// What a consultation of this procedure pays for when put online: the adapted procedure is a « Mapa »,
    /// every other one a formal procedure.
    package var pointsUse: PointsUse { self == .adapted ? .adapted : .formalised }
}
