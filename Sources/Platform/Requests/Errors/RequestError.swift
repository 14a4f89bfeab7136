import PlatformKernel

/// Why an action on a citizen's request was refused; the description, in French, says what is allowed.
package enum RequestError: Error, Equatable, CustomStringConvertible {
    case transitionRefused(from: RequestState, to: RequestState, allowed: [RequestState])
    case dataTransitionRefused(from: RequestDataState, to: RequestDataState, allowed: [RequestDataState])
    case documentTransitionRefused(from: DocumentState, to: DocumentState, allowed: [DocumentState])
    /// Validation needs validated data and every document validated and in date.
    case notReadyForValidation(reasons: [String])
    /// The season's validation date is not reached.
    case seasonValidationNotOpen(from: CivilDate)
    case invalidSeason(String)
    case seasonOverlap(season: String, other: String, period: String)
    case lockedByAnotherAgent(agentID: Int64, until: Int64)
    case takeOverNeedsManager
    case lockedForCitizen
    case teleserviceOffline(name: String)
    case registrationClosed

    package var description: String {
        switch self {
        case .transitionRefused(let from, let to, let allowed):
            "Une demande « \(from.label) » ne peut pas passer à l'état « \(to.label) » : "
                + Self.allowedText(allowed.map(\.label))
        case .dataTransitionRefused(let from, let to, let allowed):
            "Des données « \(from.label) » ne peuvent pas passer à l'état « \(to.label) » : "
                + Self.allowedText(allowed.map(\.label))
        case .documentTransitionRefused(let from, let to, let allowed):
            "Un justificatif « \(from.label) » ne peut pas passer à l'état « \(to.label) » : "
                + Self.allowedText(allowed.map(\.label))
        case .notReadyForValidation(let reasons):
            "La demande ne peut pas être validée : " + reasons.joined(separator: " ; ") + "."
        case .seasonValidationNotOpen(let from):
            "Les demandes de cette saison ne peuvent être validées qu'à partir du \(from.french)."
        case .invalidSeason(let reason):
            "Saison : \(reason)"
        case .seasonOverlap(let season, let other, let period):
            "La saison « \(season) » chevauche la saison « \(other) » (\(period)) : deux saisons d'un même téléservice ne peuvent pas se chevaucher, ni leurs périodes d'inscription."
        case .lockedByAnotherAgent(let agentID, let until):
            "La demande est verrouillée par l'agent \(agentID) jusqu'au \(FrenchTime.text(until)) (heure de Paris) : vous pouvez la consulter, pas la modifier. Un gestionnaire de la catégorie peut reprendre le verrou."
        case .takeOverNeedsManager:
            "Seul un gestionnaire (droit « Management ») de la catégorie peut reprendre le verrou d'un autre agent."
        case .lockedForCitizen:
            "Votre demande est en cours de traitement par nos services : vous ne pouvez pas la modifier pour le moment."
        case .teleserviceOffline(let name):
            "Le téléservice « \(name) » n'est pas en ligne."
        case .registrationClosed:
            "Les inscriptions ne sont pas ouvertes pour cette saison."
        }
    }

    private static func allowedText(_ labels: [String]) -> String {
        labels.isEmpty
            ? "aucun changement d'état n'est possible depuis cet état."
            : "les états possibles sont " + labels.map { "« \($0) »" }.joined(separator: ", ") + "."
    }
}
