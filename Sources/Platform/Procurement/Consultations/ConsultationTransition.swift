import PlatformKernel

/// A change of state an agent asks for.
package enum ConsultationTransition: Sendable, Equatable {
    /// Elaboration → En attente de validation.
    case submit
    /// En attente de validation → Elaboration: the validator refuses, or the author takes it back.
    case returnToElaboration
    /// En attente de validation → Consultation.
    case validate
    /// Consultation → Ouverture et Analyse, at or after the deadline.
    case open
    /// Ouverture et Analyse → Décision, with one decision per lot that has none in force (one decision without
    /// lot for an undivided consultation).
    case decide([ConsultationDecision])
    /// Décision → Ouverture et Analyse: the decision of one lot is withdrawn, or every decision when `lot` is `nil`.
    case resetDecision(lot: Int?)

    /// The state the transition starts from.
    package var from: ConsultationState {
        switch self {
        case .submit: .elaboration
        case .returnToElaboration, .validate: .awaitingValidation
        case .open: .consultation
        case .decide: .openingAndAnalysis
        case .resetDecision: .decision
        }
    }

    /// The state the transition leads to.
    package var to: ConsultationState {
        switch self {
        case .submit: .awaitingValidation
        case .returnToElaboration: .elaboration
        case .validate: .consultation
        case .open: .openingAndAnalysis
        case .decide: .decision
        case .resetDecision: .openingAndAnalysis
        }
    }

    /// The action as agents name it, for messages.
    package var label: String {
        switch self {
        case .submit: "demander la validation"
        case .returnToElaboration: "renvoyer en élaboration"
        case .validate: "valider"
        case .open: "passer à l'ouverture et l'analyse"
        case .decide: "enregistrer la décision"
        case .resetDecision: "réinitialiser la décision"
        }
    }
}
