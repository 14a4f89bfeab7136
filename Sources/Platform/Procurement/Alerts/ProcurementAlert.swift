import PlatformKernel

/// The e-mail alerts of the procurement an agent may choose on « Mon compte » (seed 001, « Mes alertes
/// électroniques »), each about a consultation the agent follows (``ConsultationFollowers``).
package enum ProcurementAlert: String, CaseIterable, Sendable {
    /// A company completed a deposit (synchronous: sent as the deposit completes).
    case depositReceived = "consultation.reponse-recue"
    /// The deadline passed: how many plis, from which companies, how many withdrawals (sent once, by
    /// ``ClosureAlertService``).
    case closure = "consultation.cloture"
    /// A company asked a question.
    case questionReceived = "consultation.question-recue"
    /// The consultation was submitted for validation.
    case awaitingValidation = "consultation.attente-validation"

    /// The checkbox's wording on « Mon compte ».
    package var label: String {
        switch self {
        case .depositReceived:
            "Information de réception d'une réponse électronique sur une consultation suivie"
        case .closure:
            "Information de clôture d'une consultation suivie (dépassement de la date limite de remise des plis) "
                + "avec synthèse des retraits et dépôts électroniques"
        case .questionReceived:
            "Information de réception d'une question posée par une entreprise sur une consultation suivie"
        case .awaitingValidation: "Information de consultation en attente d'approbation ou de validation"
        }
    }

    /// The kinds « Mon compte » offers, in this order.
    package static var kinds: [AgentAlertKind] { allCases.map { AgentAlertKind(id: $0.rawValue, label: $0.label) } }
}
