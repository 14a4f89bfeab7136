import PlatformKernel

/// The decision taken on a consultation, or on one of its lots.
package struct ConsultationDecision: Codable, Sendable, Hashable {
    /// The kinds of decision of the "Décision" step.
    package enum Kind: String, Codable, CaseIterable, Sendable {
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

        package var label: String {
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
    package var lotNumber: Int?
    package var kind: Kind
    package var comment: String = ""

    package init(lotNumber: Int? = nil, kind: Kind, comment: String = "") {
        self.lotNumber = lotNumber
        self.kind = kind
        self.comment = comment
    }
}
