/// A role of the "Salle des marchés", held by an agent in a service (achatpublic.com manual, §2.2.1
/// and §4.1). Which roles exist, and what each may do, depends on the organisation type.
package enum ProcurementRole: String, Codable, CaseIterable, Sendable {
    case buyerAssistant = "assistant-acheteur"
    case buyer = "acheteur"
    case tenderBoardChair = "pcao"
    case contractingAuthority = "prm"
    /// "PRM / PCAO" of a small organisation: the PRM may chair the board and open the bids.
    case contractingAuthorityAndChair = "prm-pcao"
    /// The one role of an "intervenant unique" organisation.
    case singleActor = "intervenant-unique"

    /// The label shown to agents.
    package var label: String {
        switch self {
        case .buyerAssistant: "Assistant Acheteur"
        case .buyer: "Acheteur"
        case .tenderBoardChair: "PCAO"
        case .contractingAuthority: "PRM"
        case .contractingAuthorityAndChair: "PRM / PCAO"
        case .singleActor: "Intervenant unique"
        }
    }

    /// The roles an organisation of `type` offers, in the order of the seed's screens.
    package static func available(in type: OrganisationType) -> [ProcurementRole] {
        switch type {
        case .small: [.buyer, .contractingAuthorityAndChair]
        case .medium: [.buyer, .tenderBoardChair, .contractingAuthority]
        case .large: [.buyerAssistant, .buyer, .tenderBoardChair, .contractingAuthority]
        case .singleActor: [.singleActor]
        }
    }

    /// What this role may do on the consultations of an organisation of `type`; empty when the
    /// organisation does not offer the role.
    package func rights(in type: OrganisationType) -> Set<ConsultationRight> {
        guard Self.available(in: type).contains(self) else { return [] }
        let everything = Set(ConsultationRight.allCases)
        switch (self, type) {
        case (.buyerAssistant, _):
            // "gère les documents de la consultation et peut consulter les registres".
            return [.read, .manageDocuments, .viewRegisters]
        case (.buyer, .large):
            // "élabore la consultation et la gère"; validation and opening belong to PCAO and PRM.
            return [.read, .create, .edit, .manageDocuments, .viewRegisters, .decide]
        case (.buyer, _):
            // "tous les droits sur les consultations, sauf celui d'ouvrir les plis".
            return everything.subtracting([.open])
        case (.tenderBoardChair, .large):
            // "supervise le déroulement … décider de l'ouverture et de la fermeture de la salle et ouvrir les plis".
            return [.read, .validate, .viewRegisters, .open]
        case (.tenderBoardChair, _):
            // "le président de CAO a le droit d'ouvrir les plis".
            return [.read, .viewRegisters, .open]
        case (.contractingAuthority, _), (.contractingAuthorityAndChair, _), (.singleActor, _):
            return everything
        }
    }
}
