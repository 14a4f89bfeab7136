import PlatformKernel

/// "Type de procédure", as in the French public procurement code. A restricted procedure is usually run
/// as two consultations, the second created with "Créer une suite".
package enum ProcedureType: String, Codable, CaseIterable, Sendable {
    case adapted = "procedure-adaptee"
    case openTender = "appel-d-offres-ouvert"
    case restrictedTender = "appel-d-offres-restreint"
    case competitiveNegotiation = "procedure-concurrentielle-avec-negociation"
    case negotiatedWithoutNotice = "procedure-negociee-sans-publicite"
    case competitiveDialogue = "dialogue-competitif"
    case designContest = "concours"
    case other = "autre"

    package var label: String {
        switch self {
        case .adapted: "Procédure adaptée"
        case .openTender: "Appel d'offres ouvert"
        case .restrictedTender: "Appel d'offres restreint"
        case .competitiveNegotiation: "Procédure concurrentielle avec négociation"
        case .negotiatedWithoutNotice: "Procédure négociée sans publicité ni mise en concurrence préalables"
        case .competitiveDialogue: "Dialogue compétitif"
        case .designContest: "Concours"
        case .other: "Autre"
        }
    }
}
