import Foundation
import PlatformKernel

/// A teleservice's form as the management page edits it: one field per line,
/// `clé ; libellé ; type ; obligatoire`, where the type is `texte`, `date`, `nombre` or `liste:NOM` (a
/// parameter list of the teleservice) and the last part `obligatoire` or `facultatif` (the default).
package enum FormDefinitionText {
    package static func text(_ form: FormDefinition) -> String {
        form.fields.map { field in
            [field.key, field.label, kind(field), field.required ? "obligatoire" : "facultatif"].joined(
                separator: " ; ")
        }.joined(separator: "\n")
    }

    /// Reads the lines (blank ones skipped), checking that the lists named exist among `lists`.
    package static func form(_ text: String, lists: [String]) throws(DomainError) -> FormDefinition {
        var fields: [FormDefinition.Field] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for (index, line) in lines.enumerated() {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if parts.allSatisfy(\.isEmpty) { continue }
            func refuse(_ reason: String) -> DomainError {
                .invalidField(field: "Formulaire", reason: "ligne \(index + 1) : \(reason)")
            }
            guard parts.count == 3 || parts.count == 4 else {
                throw refuse("écrivez « clé ; libellé ; type » suivi, si besoin, de « ; obligatoire ».")
            }
            guard FormDefinition.isValidKey(parts[0]) else {
                throw refuse("la clé « \(parts[0]) » \(FormDefinition.keyRule).")
            }
            guard !parts[1].isEmpty else { throw refuse("donnez un libellé au champ « \(parts[0]) ».") }
            var field = FormDefinition.Field(key: parts[0], label: parts[1], kind: .text)
            switch parts[2].lowercased() {
            case "texte": field.kind = .text
            case "date": field.kind = .date
            case "nombre": field.kind = .number
            case let type where type.hasPrefix("liste:"):
                let name = String(parts[2].dropFirst("liste:".count)).trimmingCharacters(in: .whitespaces)
                guard lists.contains(name) else {
                    throw refuse("la liste de paramètres « \(name) » n'existe pas pour ce téléservice.")
                }
                field.kind = .parameters
                field.list = name
            default:
                throw refuse("le type « \(parts[2]) » est inconnu : texte, date, nombre ou liste:NOM.")
            }
            switch parts.count == 4 ? parts[3].lowercased() : "facultatif" {
            case "obligatoire": field.required = true
            case "facultatif", "": field.required = false
            default: throw refuse("écrivez « obligatoire » ou « facultatif », pas « \(parts[3]) ».")
            }
            fields.append(field)
        }
        let form = FormDefinition(fields: fields)
        try form.validate()
        return form
    }

    private static func kind(_ field: FormDefinition.Field) -> String {
        switch field.kind {
        case .text: "texte"
        case .date: "date"
        case .number: "nombre"
        case .parameters: "liste:\(field.list ?? "")"
        }
    }
}
