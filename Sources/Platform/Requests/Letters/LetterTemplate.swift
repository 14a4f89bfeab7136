import PlatformKernel

/// A letter template of the back office ("modèle de courrier"): a name and a text with `${variable}`
/// placeholders, filled from the request when an agent contacts the citizen (`docs/requests.md`).
package struct LetterTemplate: Codable, Sendable, Equatable {
    package var id: Int64?
    package var name: String
    package var body: String

    package init(id: Int64? = nil, name: String, body: String) {
        self.id = id
        self.name = name
        self.body = body
    }

    package func validate() throws(DomainError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: "Nom du modèle", reason: "saisissez un nom.")
        }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidField(field: "Texte du modèle", reason: "saisissez le texte du courrier.")
        }
        _ = try LetterText.parse(body)
    }
}

/// The variables a template may use, written `${nom}`.
package enum LetterVariable: String, CaseIterable, Sendable {
    case numeroDemande
    case libelleDemande
    case dateCreation
    case dateValidation
    case observation
    case numeroFoyer
    case civiliteDemandeur
    case nomDemandeur
    case civiliteSujet
    case nomSujet
    case adresseFoyer
    case date

    /// What the variable stands for, as the templates editor lists it.
    package var label: String {
        switch self {
        case .numeroDemande: "numéro de la demande"
        case .libelleDemande: "libellé de la demande (téléservice)"
        case .dateCreation: "date de dépôt de la demande"
        case .dateValidation: "date de validation (vide tant que la demande n'est pas validée)"
        case .observation: "message de l'agent saisi au moment de l'envoi"
        case .numeroFoyer: "numéro du compte foyer"
        case .civiliteDemandeur: "civilité du demandeur (M., Mme)"
        case .nomDemandeur: "prénom et nom du demandeur"
        case .civiliteSujet: "civilité de la personne concernée"
        case .nomSujet: "prénom et nom de la personne concernée"
        case .adresseFoyer: "adresse du foyer"
        case .date: "date du jour du courrier"
        }
    }
}

/// A template's text cut into literal pieces and variables.
package enum LetterText {
    package enum Piece: Sendable, Equatable {
        case text(String)
        case variable(LetterVariable)
    }

    /// Cuts `body`; an unknown variable or an unclosed `${` is refused in French.
    package static func parse(_ body: String) throws(DomainError) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(body)
        while let start = rest.range(of: "${") {
            if start.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<start.lowerBound]))) }
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else {
                throw .invalidField(field: "Texte du modèle", reason: "une variable « ${ » n'est pas fermée par « } ».")
            }
            let name = String(after[..<end]).trimmingCharacters(in: .whitespaces)
            guard let variable = LetterVariable(rawValue: name) else {
                throw .invalidField(
                    field: "Texte du modèle",
                    reason: "la variable « ${\(name)} » n'existe pas. Variables possibles : "
                        + LetterVariable.allCases.map { "${\($0.rawValue)}" }.joined(separator: ", ") + ".")
            }
            pieces.append(.variable(variable))
            rest = after[after.index(after: end)...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// Fills `body` with `values`; a variable without a value is left empty.
    package static func render(_ body: String, values: [LetterVariable: String]) throws(DomainError) -> String {
        try parse(body).map { piece in
            switch piece {
            case .text(let text): text
            case .variable(let variable): values[variable] ?? ""
            }
        }.joined()
    }
}

/// How the agent reaches the citizen ("moyen de contact").
package struct ContactChannel: Codable, Sendable, Equatable, Hashable {
    package var key: String
    package var label: String

    package init(key: String, label: String) {
        self.key = key
        self.label = label
    }

    /// The e-mail channel's key: its letters also reach the citizen's space.
    package static let email = "email"

    /// CapDémat's list; a platform may configure its own (`LettersService.channels`).
    package static let standard: [ContactChannel] = [
        .init(key: "email", label: "E-mail"), .init(key: "courrier", label: "Courrier"),
        .init(key: "guichet", label: "Guichet"), .init(key: "sms", label: "SMS"),
        .init(key: "telephone", label: "Téléphone"),
    ]
}
