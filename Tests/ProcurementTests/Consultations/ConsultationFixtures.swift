@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

extension Consultation {
    /// A valid standard consultation: works, CPV 45210000-2, online from second 1 000, deadline at second 2 000.
    static func sample(
        reference: String = "AOO_2026_001", organisationID: Int64 = 1, createdBy: Int64 = 1,
        onlineFrom: Int64 = 1_000, deadline: Int64 = 2_000
    ) throws -> Consultation {
        Consultation(
            reference: try ConsultationReference(reference), organisationID: organisationID, createdBy: createdBy,
            contractType: .publicContract, procedureType: .openTender, category: .works,
            title: "Réfection de la toiture de l'école", object: "Travaux de couverture et d'étanchéité",
            placeOfExecution: "Paris (75)", cpv: try CPVCode("45210000-2"), deadline: deadline, onlineFrom: onlineFrom)
    }
}

extension ConsultationActor {
    /// An agent with access and every right.
    static let everything = ConsultationActor(
        agentID: 1, canValidate: true, canOpen: true, canDecide: true, hasAccess: true)
    /// An agent with access and no right beyond it.
    static let author = ConsultationActor(agentID: 1, hasAccess: true)
}
