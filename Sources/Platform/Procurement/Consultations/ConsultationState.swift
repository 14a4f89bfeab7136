import PlatformKernel

/// Where a consultation stands: Elaboration → En attente de validation → Consultation → Ouverture et Analyse
/// → Décision.
package enum ConsultationState: String, Codable, CaseIterable, Sendable {
    case elaboration = "elaboration"
    case awaitingValidation = "attente-validation"
    case consultation = "consultation"
    case openingAndAnalysis = "ouverture-analyse"
    case decision = "decision"

    /// The label shown to agents, as in the platform's breadcrumb.
    package var label: String {
        switch self {
        case .elaboration: "Elaboration"
        case .awaitingValidation: "En attente de validation"
        case .consultation: "Consultation"
        case .openingAndAnalysis: "Ouverture et Analyse"
        case .decision: "Décision"
        }
    }
}
