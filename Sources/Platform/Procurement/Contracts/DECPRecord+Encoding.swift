import Foundation
import PlatformKernel

/// The DECP 2.0 JSON of one « marché » (`{"id": …, "acheteur": {"id": …}, …}`) and its XML (`<marche>…</marche>`),
/// with the schema's names and nesting (`techniques.technique`, `titulaires[].titulaire`,
/// `modifications[].modification`); `modifications` is left out while there is none (the schema wants one or more).
extension DECPRecord: Encodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// `{"name": [values]}`, the schema's wrapper of its lists.
    private struct Wrapped: Encodable {
        let name: String
        let values: [String]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(values, forKey: Key(name))
        }
    }

    private struct Single<Value: Encodable>: Encodable {
        let name: String
        let value: Value
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(value, forKey: Key(name))
        }
    }

    private struct HolderJSON: Encodable {
        let typeIdentifiant: String
        let id: String
    }

    private struct ModificationJSON: Encodable {
        let modification: DECPRecord.Modification
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(id, forKey: Key("id"))
        try container.encode(Single(name: "id", value: buyerID), forKey: Key("acheteur"))
        try container.encode(nature, forKey: Key("nature"))
        try container.encode(object, forKey: Key("objet"))
        try container.encode(cpv, forKey: Key("codeCPV"))
        try container.encode(Wrapped(name: "technique", values: techniques), forKey: Key("techniques"))
        try container.encode(
            Wrapped(name: "modaliteExecution", values: executionModes), forKey: Key("modalitesExecution"))
        try container.encode(innovative, forKey: Key("marcheInnovant"))
        try container.encode(generalConditions, forKey: Key("ccag"))
        try container.encode(offersReceived, forKey: Key("offresRecues"))
        try container.encode(advancePaid, forKey: Key("attributionAvance"))
        try container.encode(grouping, forKey: Key("typeGroupementOperateurs"))
        try container.encode(subcontractingDeclared, forKey: Key("sousTraitanceDeclaree"))
        try container.encode(procedure, forKey: Key("procedure"))
        var place = container.nestedContainer(keyedBy: Key.self, forKey: Key("lieuExecution"))
        try place.encode(placeCode, forKey: Key("code"))
        try place.encode(placeCodeType, forKey: Key("typeCode"))
        try container.encode(durationMonths, forKey: Key("dureeMois"))
        try container.encode(notificationDate, forKey: Key("dateNotification"))
        try container.encode(publicationDate, forKey: Key("datePublicationDonnees"))
        try container.encode(Self.number(amount), forKey: Key("montant"))
        try container.encode(Wrapped(name: "typePrix", values: priceTypes), forKey: Key("typesPrix"))
        try container.encode(priceForm, forKey: Key("formePrix"))
        try container.encode(
            holders.map { Single(name: "titulaire", value: HolderJSON(typeIdentifiant: $0.identifierType, id: $0.id)) },
            forKey: Key("titulaires"))
        try container.encode(
            Wrapped(name: "considerationSociale", values: socialConsiderations), forKey: Key("considerationsSociales"))
        try container.encode(
            Wrapped(name: "considerationEnvironnementale", values: environmentalConsiderations),
            forKey: Key("considerationsEnvironnementales"))
        if !modifications.isEmpty {
            try container.encode(modifications.map(ModificationJSON.init), forKey: Key("modifications"))
        }
    }

    /// The amount as a JSON number.
    fileprivate static func number(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    /// The record as `<marche>…</marche>`, its text escaped.
    package var xml: String {
        var out = "<marche>"
        func element(_ name: String, _ value: String) { out += "<\(name)>\(Self.escaped(value))</\(name)>" }
        func wrapped(_ outer: String, _ inner: String, _ values: [String]) {
            out += "<\(outer)>"
            for value in values { element(inner, value) }
            out += "</\(outer)>"
        }
        element("id", id)
        out += "<acheteur>"
        element("id", buyerID)
        out += "</acheteur>"
        element("nature", nature)
        element("objet", object)
        element("codeCPV", cpv)
        wrapped("techniques", "technique", techniques)
        wrapped("modalitesExecution", "modaliteExecution", executionModes)
        element("marcheInnovant", String(innovative))
        element("ccag", generalConditions)
        element("offresRecues", String(offersReceived))
        element("attributionAvance", String(advancePaid))
        element("typeGroupementOperateurs", grouping)
        element("sousTraitanceDeclaree", String(subcontractingDeclared))
        element("procedure", procedure)
        out += "<lieuExecution>"
        element("code", placeCode)
        element("typeCode", placeCodeType)
        out += "</lieuExecution>"
        element("dureeMois", String(durationMonths))
        element("dateNotification", notificationDate)
        element("datePublicationDonnees", publicationDate)
        element("montant", amount)
        wrapped("typesPrix", "typePrix", priceTypes)
        element("formePrix", priceForm)
        out += "<titulaires>"
        for holder in holders {
            out += "<titulaire>"
            element("typeIdentifiant", holder.identifierType)
            element("id", holder.id)
            out += "</titulaire>"
        }
        out += "</titulaires>"
        wrapped("considerationsSociales", "considerationSociale", socialConsiderations)
        wrapped("considerationsEnvironnementales", "considerationEnvironnementale", environmentalConsiderations)
        if !modifications.isEmpty {
            out += "<modifications>"
            for modification in modifications {
                out += "<modification>"
                element("id", String(modification.id))
                if let months = modification.durationMonths { element("dureeMois", String(months)) }
                if let amount = modification.amount { element("montant", amount) }
                element("dateNotificationModification", modification.notificationDate)
                element("datePublicationDonneesModification", modification.publicationDate)
                out += "</modification>"
            }
            out += "</modifications>"
        }
        return out + "</marche>"
    }

    /// XML text: `&`, `<`, `>`, quotes escaped; control characters XML 1.0 forbids dropped.
    package static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

extension DECPRecord.Modification: Encodable {
    private enum CodingKeys: String, CodingKey {
        case id, dateNotificationModification, datePublicationDonneesModification, dureeMois, montant
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(notificationDate, forKey: .dateNotificationModification)
        try container.encode(publicationDate, forKey: .datePublicationDonneesModification)
        try container.encodeIfPresent(durationMonths, forKey: .dureeMois)
        try container.encodeIfPresent(amount.map(DECPRecord.number), forKey: .montant)
    }
}
