/// The decision taken on a consultation, or on one of its lots.
struct ConsultationDecision: Codable, Sendable, Hashable {
    /// The kinds of decision of the "Décision" step.
    enum Kind: String, Codable, CaseIterable, Sendable {
        /// "Attribution" of the contract.
        case award = "attribution"
        /// "Entreprise(s) sélectionnée(s) (en vue de la phase suivante)", before "Créer une suite".
        case selection = "selection"
        /// "Déclarer sans suite".
        case discontinued = "sans-suite"
        /// "Déclarer infructueux".
        case unsuccessful = "infructueux"
        /// "Autre".
        case other = "autre"

        var label: String {
            switch self {
            case .award: "Attribution"
            case .selection: "Entreprise(s) sélectionnée(s)"
            case .discontinued: "Déclarée sans suite"
            case .unsuccessful: "Déclarée infructueuse"
            case .other: "Autre"
            }
        }
    }

    /// The lot decided; `nil` for a consultation that is not divided into lots.
    var lotNumber: Int?
    var kind: Kind
    var comment: String = ""
}
