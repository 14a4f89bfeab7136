import Foundation
import PlatformKernel

/// The management pages' forms, decoded from the browser's fields, and how each becomes the domain's
/// values; a field that cannot be read is refused with its French label.
package enum ManagementForms {
    package static func text(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `nom` of a category or a teleservice; `compte` (`1`) when a new teleservice needs a household account.
    package struct Name: Decodable, Sendable {
        package var nom: String?
        package var compte: String?

        package init(nom: String? = nil, compte: String? = nil) {
            self.nom = nom
            self.compte = compte
        }
    }

    /// `en-ligne`: `1` or `0`.
    package struct Online: Decodable, Sendable {
        package var enLigne: String?

        package init(enLigne: String? = nil) {
            self.enLigne = enLigne
        }

        package enum CodingKeys: String, CodingKey { case enLigne = "en-ligne" }

        package func online() throws(DomainError) -> Bool {
            switch enLigne {
            case "1": return true
            case "0": return false
            default: throw .invalidField(field: "État", reason: "choisissez « En ligne » ou « Hors ligne ».")
            }
        }
    }

    /// `maximum` and `rappel` in working days; both empty for the platform's values (`nil`).
    package struct Quality: Decodable, Sendable {
        package var maximum: String?
        package var rappel: String?

        package init(maximum: String? = nil, rappel: String? = nil) {
            self.maximum = maximum
            self.rappel = rappel
        }

        package func quality() throws(DomainError) -> QualityOfService? {
            let maximum = ManagementForms.text(maximum)
            let reminder = ManagementForms.text(rappel)
            if maximum.isEmpty && reminder.isEmpty { return nil }
            let reason = "saisissez un nombre de jours ouvrés, ou videz les deux champs pour les valeurs par défaut."
            guard let maximumDays = Int(maximum) else {
                throw .invalidField(field: "Temps maximum d'instruction", reason: reason)
            }
            guard let reminderDays = Int(reminder) else {
                throw .invalidField(field: "Alerte de rappel", reason: reason)
            }
            return QualityOfService(maximumDays: maximumDays, reminderDays: reminderDays)
        }
    }

    /// `champs`: the form, one field per line (see ``FormDefinitionText``).
    package struct Definition: Decodable, Sendable {
        package var champs: String?

        package init(champs: String? = nil) {
            self.champs = champs
        }
    }

    /// `piece`: the name of a supporting document.
    package struct Document: Decodable, Sendable {
        package var piece: String?

        package init(piece: String? = nil) {
            self.piece = piece
        }

        package func document() throws(DomainError) -> String {
            let name = ManagementForms.text(piece)
            guard !name.isEmpty else { throw .invalidField(field: "Pièce justificative", reason: "saisissez son nom.") }
            return name
        }
    }

    /// `nom`, `presentation` and `valeurs` (see ``ParameterEntriesText``) of a parameter list; `nouveau-nom`
    /// to rename it.
    package struct List: Decodable, Sendable {
        package var nom: String?
        package var presentation: String?
        package var valeurs: String?
        package var nouveauNom: String?

        package init(
            nom: String? = nil, presentation: String? = nil, valeurs: String? = nil, nouveauNom: String? = nil
        ) {
            self.nom = nom
            self.presentation = presentation
            self.valeurs = valeurs
            self.nouveauNom = nouveauNom
        }

        package enum CodingKeys: String, CodingKey {
            case nom, presentation, valeurs
            case nouveauNom = "nouveau-nom"
        }

        package func list(teleserviceID: Int64) throws(DomainError) -> ParameterList {
            guard let presentation = ParameterList.Presentation(rawValue: presentation ?? "") else {
                throw .invalidField(field: "Représentation", reason: "choisissez une liste déroulante ou un arbre.")
            }
            return ParameterList(
                teleserviceID: teleserviceID, name: ManagementForms.text(nom), presentation: presentation,
                entries: try ParameterEntriesText.entries(valeurs ?? ""))
        }
    }

    /// `id` (empty for a new season), `nom`, and the days `inscriptions-ouverture`, `inscriptions-cloture`,
    /// `validation`, `debut`, `fin` (`aaaa-mm-jj`).
    package struct SeasonForm: Decodable, Sendable {
        package var id: String?
        package var nom: String?
        package var registrationOpens: String?
        package var registrationCloses: String?
        package var validation: String?
        package var debut: String?
        package var fin: String?

        package init(
            id: String? = nil, nom: String? = nil, registrationOpens: String? = nil, registrationCloses: String? = nil,
            validation: String? = nil, debut: String? = nil, fin: String? = nil
        ) {
            self.id = id
            self.nom = nom
            self.registrationOpens = registrationOpens
            self.registrationCloses = registrationCloses
            self.validation = validation
            self.debut = debut
            self.fin = fin
        }

        package enum CodingKeys: String, CodingKey {
            case id, nom, validation, debut, fin
            case registrationOpens = "inscriptions-ouverture"
            case registrationCloses = "inscriptions-cloture"
        }

        package func season(teleserviceID: Int64) throws(DomainError) -> Season {
            func day(_ value: String?, _ label: String) throws(DomainError) -> CivilDate {
                guard let day = CivilDate(iso: ManagementForms.text(value)) else {
                    throw .invalidField(field: label, reason: "saisissez une date.")
                }
                return day
            }
            var seasonID: Int64?
            if !ManagementForms.text(id).isEmpty {
                guard let number = Int64(ManagementForms.text(id)) else { throw .notFound(what: "Saison") }
                seasonID = number
            }
            return Season(
                id: seasonID, teleserviceID: teleserviceID, name: ManagementForms.text(nom),
                registrationOpens: try day(registrationOpens, "Ouverture des inscriptions"),
                registrationCloses: try day(registrationCloses, "Clôture des inscriptions"),
                validationFrom: try day(validation, "Validation des demandes à partir du"),
                start: try day(debut, "Début de la saison"), end: try day(fin, "Fin de la saison"))
        }
    }

    /// `agent` and `droit` (a ``CategoryRight``).
    /// « Déplacer »: the teleservice's new category.
    package struct Move: Decodable, Sendable {
        package var categorie: String?

        package init(categorie: String? = nil) {
            self.categorie = categorie
        }
    }

    package struct Right: Decodable, Sendable {
        package var agent: String?
        package var droit: String?

        package init(agent: String? = nil, droit: String? = nil) {
            self.agent = agent
            self.droit = droit
        }

        package func right() throws(DomainError) -> CategoryRight {
            guard let right = CategoryRight(rawValue: droit ?? "") else {
                throw .invalidField(field: "Droit", reason: "choisissez un droit de la liste.")
            }
            return right
        }
    }
}
