import PlatformKernel

/// « Forme du prix » of the essential data (DECP 2.0 `formePrix`).
package enum PriceForm: String, Codable, CaseIterable, Sendable {
    case unit = "Unitaire"
    case lumpSum = "Forfaitaire"
    case mixed = "Mixte"

    package var label: String { rawValue }
}

/// « Type de prix » of the essential data (DECP 2.0 `typePrix`).
package enum PriceType: String, Codable, CaseIterable, Sendable {
    case firm = "Définitif ferme"
    case adjustable = "Définitif actualisable"
    case revisable = "Définitif révisable"
    case provisional = "Provisoire"

    package var label: String { rawValue }
}

/// « Type de groupement d'opérateurs » (DECP 2.0 `typeGroupementOperateurs`): a groupement has several titulaires.
package enum OperatorGrouping: String, Codable, CaseIterable, Sendable {
    case none = "Pas de groupement"
    case joint = "Conjoint"
    case jointAndSeveral = "Solidaire"

    package var label: String { rawValue }
}

/// The kind of code of the « lieu d'exécution » (DECP 2.0 `lieuExecution.typeCode`).
package enum PlaceCodeType: String, Codable, CaseIterable, Sendable {
    case commune = "Code commune"
    case postal = "Code postal"
    case arrondissement = "Code arrondissement"
    case canton = "Code canton"
    case department = "Code département"
    case region = "Code région"
    case country = "Code pays"

    package var label: String { rawValue }
}

/// « CCAG de référence » (DECP 2.0 `ccag`).
package enum GeneralConditions: String, Codable, CaseIterable, Sendable {
    case works = "Travaux"
    case projectManagement = "Maitrise d'œuvre"
    case suppliesAndServices = "Fournitures courantes et services"
    case industrial = "Marchés industriels"
    case intellectualServices = "Prestations intellectuelles"
    case informationTechnology = "Techniques de l'information et de la communication"
    case none = "Pas de CCAG"

    package var label: String { rawValue }

    /// The usual CCAG of a consultation's category, proposed by the form.
    package static func usual(for category: ProcurementCategory) -> GeneralConditions {
        category == .works ? .works : .suppliesAndServices
    }
}

extension ProcedureType {
    /// The procedure as the essential data name it (DECP 2.0 `procedure`); `nil` for « Autre », which has none.
    package var decpProcedure: String? {
        switch self {
        case .adapted: "Procédure adaptée"
        case .openTender: "Appel d'offres ouvert"
        case .restrictedTender: "Appel d'offres restreint"
        case .competitiveNegotiation: "Procédure avec négociation"
        case .negotiatedWithoutNotice, .designContest: "Marché passé sans publicité ni mise en concurrence préalable"
        case .competitiveDialogue: "Dialogue compétitif"
        case .other: nil
        }
    }
}

extension ContractType {
    /// The « technique d'achat » of the essential data (DECP 2.0 `technique`).
    package var decpTechnique: String {
        switch self {
        case .frameworkSingle, .frameworkMultiple: "Accord-cadre"
        case .dynamicPurchasingSystem: "Système d'acquisition dynamique"
        default: "Sans objet"
        }
    }
}
