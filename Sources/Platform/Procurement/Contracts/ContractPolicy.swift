import Foundation
import PlatformKernel

/// The rules of a contract and its modifications: a contract only for a lot (or a consultation) awarded by a
/// decision « Attribution »; titulaires named with a valid SIRET (several: a groupement, « Conjoint » or
/// « Solidaire »); an amount of at least 1 € HT; dates that exist and follow each other; a modification changes
/// the amount and/or the duration, is signed after the notification and published after the contract.
package enum ContractPolicy {
    /// Titulaires the form offers (a groupement of up to this many co-traitants).
    package static let maximumHolders = 3
    package static let maximumObjectLength = 1000
    package static let maximumDurationMonths = 1200

    /// The contract `draft` describes, for `consultation` whose decisions in force are `decisions`.
    package static func contract(
        from draft: ContractDraft, consultation: Consultation, decisions: [ConsultationDecision],
        entity: Organisation, createdBy agentID: Int64, now: Int64
    ) throws(DomainError) -> Contract {
        let lotNumber = try awardedLot(draft.lot, of: consultation, decisions: decisions)
        guard consultation.contractType != .concession else {
            throw .invalidField(
                field: "lot",
                reason: "Une concession n'a pas de données essentielles de marché : ce formulaire ne s'applique pas.")
        }
        guard let procedure = consultation.procedureType.decpProcedure else {
            throw .invalidField(
                field: "lot",
                reason:
                    "La procédure « Autre » de la consultation n'a pas d'équivalent dans les données essentielles : "
                    + "modifiez le type de procédure de la consultation.")
        }
        let buyerSIRET = try renamed("SIRET de l'acheteur") { () throws(DomainError) in try SIRET(draft.buyerSIRET) }
        let object = draft.object.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !object.isEmpty, object.count <= maximumObjectLength else {
            throw .invalidField(
                field: "objet", reason: "Décrivez l'objet du contrat en 1 à \(maximumObjectLength) caractères.")
        }
        let cpv = try CPVCode(draft.cpv)
        let holders = try holders(draft.holders)
        guard let grouping = OperatorGrouping(rawValue: draft.grouping) else {
            throw .invalidField(field: "groupement", reason: "Choisissez le type de groupement dans la liste.")
        }
        if holders.count > 1 && grouping == .none {
            throw .invalidField(
                field: "groupement",
                reason: "Plusieurs titulaires forment un groupement : choisissez « Conjoint » ou « Solidaire ».")
        }
        if holders.count == 1 && grouping != .none {
            throw .invalidField(
                field: "groupement", reason: "Un seul titulaire : choisissez « Pas de groupement ».")
        }
        let amount = try EuroAmount(draft.amount, field: "montant")
        try checkAmount(amount, field: "montant")
        guard let priceForm = PriceForm(rawValue: draft.priceForm) else {
            throw .invalidField(field: "forme du prix", reason: "Choisissez la forme du prix dans la liste.")
        }
        guard let priceType = PriceType(rawValue: draft.priceType) else {
            throw .invalidField(field: "type de prix", reason: "Choisissez le type de prix dans la liste.")
        }
        guard let conditions = GeneralConditions(rawValue: draft.generalConditions) else {
            throw .invalidField(field: "ccag", reason: "Choisissez le CCAG de référence dans la liste.")
        }
        let duration = try months(draft.durationMonths, field: "durée")
        guard let offers = Int(draft.offersReceived.trimmingCharacters(in: .whitespaces)),
            (1...100_000).contains(offers)
        else {
            throw .invalidField(
                field: "nombre d'offres reçues", reason: "Indiquez le nombre d'offres reçues (au moins 1).")
        }
        let notification = try CalendarDay(draft.notificationDate, field: "date de notification")
        let start = try CalendarDay(draft.executionStartDate, field: "date de début d'exécution")
        guard notification <= start else {
            throw .invalidField(
                field: "date de début d'exécution",
                reason: "L'exécution commence au plus tôt le jour de la notification (\(notification.french)).")
        }
        guard notification <= CalendarDay(seconds: now) else {
            throw .invalidField(
                field: "date de notification",
                reason: "Le contrat est saisi une fois notifié : la date de notification ne peut pas être future.")
        }
        let contactName = draft.contactName.trimmingCharacters(in: .whitespaces)
        guard !contactName.isEmpty, contactName.count <= 200 else {
            throw .invalidField(
                field: "contact du contrat", reason: "Indiquez le nom de l'agent qui suit le contrat.")
        }
        let contactEmail = draft.contactEmail.trimmingCharacters(in: .whitespaces)
        guard isEmail(contactEmail) else {
            throw .invalidField(
                field: "e-mail du contact",
                reason: "Indiquez l'adresse e-mail de l'agent qui suit le contrat (par exemple prenom.nom@ville.fr).")
        }
        let placeCode = draft.placeCode.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...10).contains(placeCode.count), placeCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else {
            throw .invalidField(
                field: "code du lieu d'exécution",
                reason: "Indiquez le code du lieu d'exécution (code INSEE de la commune, par exemple 59350).")
        }
        guard let placeType = PlaceCodeType(rawValue: draft.placeCodeType) else {
            throw .invalidField(field: "type de code", reason: "Choisissez le type de code dans la liste.")
        }
        return Contract(
            id: nil, consultationID: consultation.id ?? 0, lotNumber: lotNumber, entityID: entity.id ?? 0,
            organisationID: consultation.organisationID, buyerName: entity.name, buyerSIRET: buyerSIRET,
            consultationReference: consultation.reference.value, object: object, cpv: cpv, procedure: procedure,
            technique: consultation.contractType.decpTechnique, generalConditions: conditions, holders: holders,
            grouping: grouping, amount: amount, priceForm: priceForm, priceType: priceType,
            durationMonths: duration, offersReceived: offers, notificationDate: notification,
            executionStartDate: start, contactName: contactName, contactEmail: contactEmail, placeCode: placeCode,
            placeCodeType: placeType, createdBy: agentID, createdAt: now, publicationDate: nil)
    }

    /// The lot the draft names, which must carry a decision « Attribution » in force.
    package static func awardedLot(_ typed: String, of consultation: Consultation, decisions: [ConsultationDecision])
        throws(DomainError) -> Int?
    {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let lot: Int?
        if consultation.lots.isEmpty {
            lot = nil
        } else {
            guard let number = Int(text), consultation.lots.contains(where: { $0.number == number }) else {
                throw .invalidField(field: "lot", reason: "Choisissez le lot du contrat dans la liste.")
            }
            lot = number
        }
        guard decisions.contains(where: { $0.lotNumber == lot && $0.kind == .award }) else {
            let subject = lot.map { "Le lot \($0)" } ?? "La consultation"
            throw .invalidField(
                field: "lot",
                reason:
                    "\(subject) n'a pas de décision « Attribution » : enregistrez d'abord la décision d'attribution "
                    + "à l'étape Décision de la consultation.")
        }
        return lot
    }

    /// The modification `draft` describes, the next of `contract`'s.
    package static func modification(
        from draft: ModificationDraft, of contract: Contract, by agentID: Int64, now: Int64
    ) throws(DomainError) -> ContractModification {
        guard let published = contract.publicationDate else {
            throw .conflict(
                reason:
                    "Publiez d'abord les données essentielles du contrat : une modification s'ajoute aux données publiées."
            )
        }
        let object = draft.object.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !object.isEmpty, object.count <= maximumObjectLength else {
            throw .invalidField(
                field: "objet de la modification",
                reason: "Décrivez l'objet de la modification en 1 à \(maximumObjectLength) caractères.")
        }
        let amountText = draft.amount.trimmingCharacters(in: .whitespaces)
        let durationText = draft.durationMonths.trimmingCharacters(in: .whitespaces)
        guard !amountText.isEmpty || !durationText.isEmpty else {
            throw .invalidField(
                field: "nouveau montant",
                reason: "Une modification change le montant, la durée ou les deux : indiquez au moins l'un des deux.")
        }
        var amount: EuroAmount?
        if !amountText.isEmpty {
            let typed = try EuroAmount(amountText, field: "nouveau montant")
            try checkAmount(typed, field: "nouveau montant")
            amount = typed
        }
        let duration = durationText.isEmpty ? nil : try months(durationText, field: "nouvelle durée")
        let signature = try CalendarDay(draft.signatureDate, field: "date de signature")
        guard contract.notificationDate <= signature else {
            throw .invalidField(
                field: "date de signature",
                reason: "La modification est signée au plus tôt le jour de la notification du contrat "
                    + "(\(contract.notificationDate.french)).")
        }
        let publication = try CalendarDay(draft.publicationDate, field: "date de publication")
        guard signature <= publication, published <= publication else {
            throw .invalidField(
                field: "date de publication",
                reason: "La modification est publiée au plus tôt le jour de sa signature et de la publication du "
                    + "contrat (\(max(signature, published).french)).")
        }
        if let last = contract.modifications.last, publication < last.publicationDate {
            throw .invalidField(
                field: "date de publication",
                reason: "Les modifications sont publiées dans l'ordre : au plus tôt le \(last.publicationDate.french).")
        }
        return ContractModification(
            number: (contract.modifications.last?.number ?? 0) + 1, object: object, amount: amount,
            durationMonths: duration, signatureDate: signature, publicationDate: publication, recordedBy: agentID,
            recordedAt: now)
    }

    private static func holders(_ typed: [(name: String, siret: String)]) throws(DomainError) -> [ContractHolder] {
        var holders: [ContractHolder] = []
        for (index, line) in typed.enumerated() {
            let name = line.name.trimmingCharacters(in: .whitespaces)
            let siret = line.siret.trimmingCharacters(in: .whitespaces)
            if name.isEmpty && siret.isEmpty { continue }
            let number = index + 1
            guard !name.isEmpty, name.count <= 255 else {
                throw .invalidField(
                    field: "nom du titulaire \(number)", reason: "Indiquez la raison sociale du titulaire \(number).")
            }
            let checked = try renamed("SIRET du titulaire \(number)") { () throws(DomainError) in try SIRET(siret) }
            guard !holders.contains(where: { $0.siret == checked }) else {
                throw .invalidField(
                    field: "SIRET du titulaire \(number)", reason: "Ce SIRET est déjà celui d'un autre titulaire.")
            }
            holders.append(ContractHolder(name: name, siret: checked))
        }
        guard !holders.isEmpty else {
            throw .invalidField(
                field: "nom du titulaire 1",
                reason: "Indiquez le titulaire du contrat : sa raison sociale et son SIRET.")
        }
        return holders
    }

    private static func checkAmount(_ amount: EuroAmount, field: String) throws(DomainError) {
        guard amount.cents >= 100 else {
            throw .invalidField(field: field, reason: "Le montant HT est d'au moins 1 €.")
        }
    }

    private static func months(_ text: String, field: String) throws(DomainError) -> Int {
        guard let months = Int(text.trimmingCharacters(in: .whitespaces)), (1...maximumDurationMonths).contains(months)
        else {
            throw .invalidField(
                field: field,
                reason: "Indiquez la durée en mois, de 1 à \(maximumDurationMonths), reconductions comprises.")
        }
        return months
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return text.count <= 254 && parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !text.contains(where: \.isWhitespace)
    }

    /// Runs `body`, naming its refused field `field` (a SIRET's error says « SIRET »).
    private static func renamed<T>(_ field: String, _ body: () throws(DomainError) -> T) throws(DomainError) -> T {
        do {
            return try body()
        } catch {
            if case .invalidField(_, let reason) = error { throw .invalidField(field: field, reason: reason) }
            throw error
        }
    }
}
