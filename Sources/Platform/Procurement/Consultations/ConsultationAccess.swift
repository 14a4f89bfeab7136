import PlatformKernel
import SQLKit

/// The consultation-level check of the registers, DCE and opening routes: the access rules of
/// ``ConsultationService/access(_:for:sql:)`` plus one right the agent must hold.
package enum ConsultationAccess {
    /// The consultation and its service's path, requiring `right`; "not found" when the agent may not see it.
    package static func require(
        _ right: ConsultationRight, consultationID: Int64, actor: AgentAuthority, sql: any SQLDatabase
    ) async throws -> (Consultation, OrganisationPath) {
        let access = try await ConsultationService.access(consultationID, for: actor, sql: sql)
        guard access.rights.contains(right) else {
            throw DomainError.forbidden(
                reason: "Votre rôle ne permet pas cette action sur cette consultation (\(right.label)).")
        }
        return (access.consultation, access.path)
    }
}
