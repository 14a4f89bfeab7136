import Foundation

/// Reads the management pages' forms into the domain's values; a field that cannot be read is refused
/// with its French label.
enum ManagementForms {
    /// The typed values, to show a refused form again (the CSRF token left out).
    static func values(_ form: FormFields) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in form.pairs where name != "_csrf" && values[name] == nil { values[name] = value }
        return values
    }

    static func text(_ form: FormFields, _ name: String) -> String {
        (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `en-ligne`: `1` or `0`.
    static func online(_ form: FormFields) throws(DomainError) -> Bool {
        switch form["en-ligne"] {
        case "1": return true
        case "0": return false
        default: throw .invalidField(field: "État", reason: "choisissez « En ligne » ou « Hors ligne ».")
        }
    }

    /// `maximum` and `rappel` in working days; both empty for the platform's values (`nil`).
    static func quality(_ form: FormFields) throws(DomainError) -> QualityOfService? {
        let maximum = text(form, "maximum")
        let reminder = text(form, "rappel")
        if maximum.isEmpty && reminder.isEmpty { return nil }
        let reason = "saisissez un nombre de jours ouvrés, ou videz les deux champs pour les valeurs par défaut."
        guard let maximumDays = Int(maximum) else {
            throw .invalidField(field: "Temps maximum d'instruction", reason: reason)
        }
        guard let reminderDays = Int(reminder) else { throw .invalidField(field: "Alerte de rappel", reason: reason) }
        return QualityOfService(maximumDays: maximumDays, reminderDays: reminderDays)
    }

    /// `piece`: the name of a supporting document.
    static func document(_ form: FormFields) throws(DomainError) -> String {
        let name = text(form, "piece")
        guard !name.isEmpty else { throw .invalidField(field: "Pièce justificative", reason: "saisissez son nom.") }
        return name
    }

    /// `nom`, `presentation` and `valeurs` (see ``ParameterEntriesText``).
    static func list(_ form: FormFields, teleserviceID: Int64) throws(DomainError) -> ParameterList {
        guard let presentation = ParameterList.Presentation(rawValue: form["presentation"] ?? "") else {
            throw .invalidField(field: "Représentation", reason: "choisissez une liste déroulante ou un arbre.")
        }
        return ParameterList(
            teleserviceID: teleserviceID, name: text(form, "nom"), presentation: presentation,
            entries: try ParameterEntriesText.entries(form["valeurs"] ?? ""))
    }

    /// `id` (empty for a new season), `nom`, and the days `inscriptions-ouverture`, `inscriptions-cloture`,
    /// `validation`, `debut`, `fin` (`aaaa-mm-jj`).
    static func season(_ form: FormFields, teleserviceID: Int64) throws(DomainError) -> Season {
        func day(_ name: String, _ label: String) throws(DomainError) -> CivilDate {
            guard let day = CivilDate(iso: text(form, name)) else {
                throw .invalidField(field: label, reason: "saisissez une date.")
            }
            return day
        }
        var id: Int64?
        if !text(form, "id").isEmpty {
            guard let number = Int64(text(form, "id")) else { throw .notFound(what: "Saison") }
            id = number
        }
        return Season(
            id: id, teleserviceID: teleserviceID, name: text(form, "nom"),
            registrationOpens: try day("inscriptions-ouverture", "Ouverture des inscriptions"),
            registrationCloses: try day("inscriptions-cloture", "Clôture des inscriptions"),
            validationFrom: try day("validation", "Validation des demandes à partir du"),
            start: try day("debut", "Début de la saison"), end: try day("fin", "Fin de la saison"))
    }

    /// `droit`: a ``CategoryRight``.
    static func right(_ form: FormFields) throws(DomainError) -> CategoryRight {
        guard let right = CategoryRight(rawValue: form["droit"] ?? "") else {
            throw .invalidField(field: "Droit", reason: "choisissez un droit de la liste.")
        }
        return right
    }
}
