import PlatformKernel

/// Checks a ``DECPRecord`` against the rules of the DECP 2.0 schema for a « marché » (required fields,
/// identifier lengths and patterns, SIRET with its check key, CPV pattern, `AAAA-MM-JJ` dates that exist,
/// amounts of at least 1, the enumerations, the titulaires and the modifications numbered 1, 2, … in order).
/// Every record leaves the platform through it: a record it refuses is never exported.
package enum DECPValidator {
    /// One broken rule: the field's path in the record and what is wrong, in French.
    package struct Violation: Sendable, Equatable, CustomStringConvertible {
        package let path: String
        package let message: String
        package var description: String { "\(path) : \(message)" }
    }

    package static let natures: Set<String> = ["Marché", "Marché de partenariat", "Marché de défense ou de sécurité"]
    package static let procedures: Set<String> = [
        "Procédure adaptée", "Appel d'offres ouvert", "Appel d'offres restreint", "Procédure avec négociation",
        "Marché passé sans publicité ni mise en concurrence préalable", "Dialogue compétitif",
    ]
    package static let techniques: Set<String> = [
        "Accord-cadre", "Concours", "Système de qualification", "Système d'acquisition dynamique",
        "Catalogue électronique", "Enchère électronique", "Sans objet",
    ]
    package static let executionModes: Set<String> = [
        "Tranches", "Bons de commande", "Marchés subséquents", "Sans objet",
    ]
    package static let generalConditions = Set(GeneralConditions.allCases.map(\.rawValue))
    package static let groupings = Set(OperatorGrouping.allCases.map(\.rawValue))
    package static let placeCodeTypes = Set(PlaceCodeType.allCases.map(\.rawValue))
    package static let priceForms = Set(PriceForm.allCases.map(\.rawValue))
    package static let priceTypes = Set(PriceType.allCases.map(\.rawValue))
    package static let identifierTypes: Set<String> = ["SIRET", "TVA", "TAHITI", "RIDET", "FRWF", "IREP", "HORS-UE"]
    package static let socialConsiderations: Set<String> = [
        "Clause sociale", "Critère social", "Marché réservé", "Pas de considération sociale",
    ]
    package static let environmentalConsiderations: Set<String> = [
        "Clause environnementale", "Critère environnemental", "Pas de considération environnementale",
    ]

    /// Every rule `record` breaks; empty when it is valid.
    package static func violations(of record: DECPRecord) -> [Violation] {
        var found: [Violation] = []
        func fail(_ path: String, _ message: String) { found.append(Violation(path: path, message: message)) }
        func oneOf(_ path: String, _ value: String, _ allowed: Set<String>) {
            if !allowed.contains(value) { fail(path, "« \(value) » n'est pas une valeur permise.") }
        }
        func list(_ path: String, _ values: [String], _ allowed: Set<String>) {
            if values.isEmpty { fail(path, "au moins une valeur est requise.") }
            if Set(values).count != values.count { fail(path, "une valeur est répétée.") }
            for (index, value) in values.enumerated() { oneOf("\(path)[\(index)]", value, allowed) }
        }
        func day(_ path: String, _ value: String) {
            if !CalendarDay.isISODay(value) { fail(path, "« \(value) » n'est pas une date AAAA-MM-JJ.") }
        }
        func amount(_ path: String, _ value: String) {
            if !isAmount(value) { fail(path, "« \(value) » n'est pas un montant d'au moins 1.") }
        }

        if !(1...16).contains(record.id.count) { fail("id", "l'identifiant compte de 1 à 16 caractères.") }
        if !isSIRET(record.buyerID) { fail("acheteur.id", "« \(record.buyerID) » n'est pas un SIRET valide.") }
        oneOf("nature", record.nature, natures)
        if record.object.trimmingCharacters(in: .whitespaces).isEmpty || record.object.count > 1000 {
            fail("objet", "l'objet compte de 1 à 1000 caractères.")
        }
        if !isCPV(record.cpv) { fail("codeCPV", "« \(record.cpv) » ne suit pas le motif 8 chiffres (-chiffre).") }
        list("techniques.technique", record.techniques, techniques)
        list("modalitesExecution.modaliteExecution", record.executionModes, executionModes)
        oneOf("ccag", record.generalConditions, generalConditions)
        if record.offersReceived < 1 { fail("offresRecues", "au moins 1 offre reçue.") }
        oneOf("typeGroupementOperateurs", record.grouping, groupings)
        oneOf("procedure", record.procedure, procedures)
        if record.placeCode.isEmpty { fail("lieuExecution.code", "le code est requis.") }
        oneOf("lieuExecution.typeCode", record.placeCodeType, placeCodeTypes)
        if record.durationMonths < 1 { fail("dureeMois", "la durée est d'au moins 1 mois.") }
        day("dateNotification", record.notificationDate)
        day("datePublicationDonnees", record.publicationDate)
        if CalendarDay.isISODay(record.notificationDate), CalendarDay.isISODay(record.publicationDate),
            record.publicationDate < record.notificationDate
        {
            fail("datePublicationDonnees", "les données sont publiées après la notification.")
        }
        amount("montant", record.amount)
        list("typesPrix.typePrix", record.priceTypes, priceTypes)
        oneOf("formePrix", record.priceForm, priceForms)
        if record.holders.isEmpty { fail("titulaires", "au moins un titulaire est requis.") }
        if Set(record.holders.map(\.id)).count != record.holders.count {
            fail("titulaires", "un titulaire est répété.")
        }
        for (index, holder) in record.holders.enumerated() {
            let path = "titulaires[\(index)].titulaire"
            oneOf("\(path).typeIdentifiant", holder.identifierType, identifierTypes)
            if holder.id.isEmpty { fail("\(path).id", "l'identifiant est requis.") }
            if holder.identifierType == "SIRET" && !isSIRET(holder.id) {
                fail("\(path).id", "« \(holder.id) » n'est pas un SIRET valide.")
            }
        }
        if record.holders.count > 1 && record.grouping == OperatorGrouping.none.rawValue {
            fail("typeGroupementOperateurs", "plusieurs titulaires forment un groupement conjoint ou solidaire.")
        }
        list("considerationsSociales.considerationSociale", record.socialConsiderations, socialConsiderations)
        list(
            "considerationsEnvironnementales.considerationEnvironnementale", record.environmentalConsiderations,
            environmentalConsiderations)
        for (index, modification) in record.modifications.enumerated() {
            let path = "modifications[\(index)].modification"
            if modification.id != index + 1 {
                fail("\(path).id", "les modifications sont numérotées 1, 2, … dans l'ordre (attendu \(index + 1)).")
            }
            day("\(path).dateNotificationModification", modification.notificationDate)
            day("\(path).datePublicationDonneesModification", modification.publicationDate)
            if modification.publicationDate < modification.notificationDate {
                fail("\(path).datePublicationDonneesModification", "publiée avant d'être notifiée.")
            }
            if modification.publicationDate < record.publicationDate {
                fail("\(path).datePublicationDonneesModification", "publiée avant les données du marché.")
            }
            if let months = modification.durationMonths, months < 1 {
                fail("\(path).dureeMois", "la durée est d'au moins 1 mois.")
            }
            if let value = modification.amount { amount("\(path).montant", value) }
            if modification.amount == nil && modification.durationMonths == nil {
                fail(path, "une modification change le montant ou la durée.")
            }
        }
        return found
    }

    /// A SIRET: 14 digits and its check key.
    package static func isSIRET(_ text: String) -> Bool {
        text.count == 14 && text.allSatisfy { $0.isASCII && $0.isNumber } && (try? SIRET(text)) != nil
    }

    /// The schema's `^[0-9]{8}(-[0-9])?$`.
    package static func isCPV(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let digits: (Substring) -> Bool = { $0.allSatisfy { $0.isASCII && $0.isNumber } }
        return parts[0].count == 8 && digits(parts[0])
            && (parts.count == 1 || (parts.count == 2 && parts[1].count == 1 && digits(parts[1])))
    }

    /// A decimal number written with a dot, of at least 1.
    package static func isAmount(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let value = Double(text)
        else { return false }
        return value >= 1
    }
}
