import Foundation

/// The management pages' forms, decoded from the browser's fields, and how each becomes the domain's
/// values; a field that cannot be read is refused with its French label.
enum ManagementForms {
    static func text(_ value: String?) -> String {
        (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `nom` of a category or a teleservice; `compte` (`1`) when a new teleservice needs a household account.
    struct Name: Decodable, Sendable {
        var nom: String?
        var compte: String?
    }

    /// `en-ligne`: `1` or `0`.
    struct Online: Decodable, Sendable {
        var enLigne: String?

        enum CodingKeys: String, CodingKey { case enLigne = "en-ligne" }

        func online() throws(DomainError) -> Bool {
            switch enLigne {
            case "1": return true
            case "0": return false
            default: throw .invalidField(field: "État", reason: "choisissez « En ligne » ou « Hors ligne ».")
            }
        }
    }

    /// `maximum` and `rappel` in working days; both empty for the platform's values (`nil`).
    struct Quality: Decodable, Sendable {
        var maximum: String?
        var rappel: String?

        func quality() throws(DomainError) -> QualityOfService? {
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
    struct Definition: Decodable, Sendable {
        var champs: String?
    }

    /// `piece`: the name of a supporting document.
    struct Document: Decodable, Sendable {
        var piece: String?

        func document() throws(DomainError) -> String {
            let name = ManagementForms.text(piece)
            guard !name.isEmpty else { throw .invalidField(field: "Pièce justificative", reason: "saisissez son nom.") }
            return name
        }
    }

    /// `nom`, `presentation` and `valeurs` (see ``ParameterEntriesText``) of a parameter list; `nouveau-nom`
    /// to rename it.
    struct List: Decodable, Sendable {
        var nom: String?
        var presentation: String?
        var valeurs: String?
        var nouveauNom: String?

        enum CodingKeys: String, CodingKey {
            case nom, presentation, valeurs
            case nouveauNom = "nouveau-nom"
        }

        func list(teleserviceID: Int64) throws(DomainError) -> ParameterList {
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
    struct SeasonForm: Decodable, Sendable {
        var id: String?
        var nom: String?
        var registrationOpens: String?
        var registrationCloses: String?
        var validation: String?
        var debut: String?
        var fin: String?

        enum CodingKeys: String, CodingKey {
            case id, nom, validation, debut, fin
            case registrationOpens = "inscriptions-ouverture"
            case registrationCloses = "inscriptions-cloture"
        }

        func season(teleserviceID: Int64) throws(DomainError) -> Season {
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
    struct Right: Decodable, Sendable {
        var agent: String?
        var droit: String?

        func right() throws(DomainError) -> CategoryRight {
            guard let right = CategoryRight(rawValue: droit ?? "") else {
                throw .invalidField(field: "Droit", reason: "choisissez un droit de la liste.")
            }
            return right
        }
    }
}
