/// What a procurement role allows on the consultations of a service.
package enum ConsultationRight: String, Codable, CaseIterable, Sendable {
    /// See the consultation, its state and its history.
    case read
    /// Create a consultation in the service.
    case create
    /// Modify a consultation while it is being drafted.
    case edit
    /// Upload and replace the DCE and the consultation's documents.
    case manageDocuments = "manage-documents"
    /// Read the registers (retraits, dépôts).
    case viewRegisters = "view-registers"
    /// Validate a consultation so that it goes online ("ouverture de la salle").
    case validate
    /// Open the bids ("ouvrir les plis"), after the deadline.
    case open
    /// Record and reset decisions, create a follow-up consultation.
    case decide

    /// How the right is named to agents.
    package var label: String {
        switch self {
        case .read: "consulter"
        case .create: "créer une consultation"
        case .edit: "modifier la consultation"
        case .manageDocuments: "gérer les documents"
        case .viewRegisters: "consulter les registres"
        case .validate: "valider la consultation"
        case .open: "ouvrir les plis"
        case .decide: "prendre les décisions"
        }
    }
}
