import PlatformKernel

/// The fields of the consultation form as typed, kept as text so that a refused form comes back as it was.
/// Dates are Paris time, `jj/mm/aaaa hh:mm`; checkboxes are present when ticked.
package struct ConsultationFormFields: Sendable, Equatable {
    package var mode: String?
    package var organisationId: String?
    package var reference: String?
    package var contractType: String?
    package var procedureType: String?
    package var category: String?
    package var title: String?
    package var object: String?
    package var internalComment: String?
    package var placeOfExecution: String?
    package var cpv: String?
    package var deadline: String?
    package var onlineFrom: String?
    package var accessCode: String?
    package var electronicResponse: String?
    package var signature: String?
    package var encryption: String?
    package var envelopeApplication: String?
    package var envelopeOffer: String?
    package var envelopeAnonymity: String?
    package var openingMode: String?
    package var displayedAfterDeadline: String?
    /// One lot title per line; empty for a consultation that is not divided ("non allotie").
    package var lots: String?
    /// "Accès": the invited agents, `true` for a permanent invitation.
    package var invited: [Int64: Bool] = [:]

    package var creationMode: ConsultationCreationMode {
        mode == ConsultationCreationMode.simplified.rawValue ? .simplified : .standard
    }

    /// A blank form: standard defaults (encryption on, one "offre" envelope).
    package static func blank(_ mode: ConsultationCreationMode) -> ConsultationFormFields {
        ConsultationFormFields(mode: mode.rawValue, encryption: "on", envelopeOffer: "on")
    }

    /// The form filled with a stored consultation, for its modification.
    package init(_ consultation: Consultation) {
        mode = consultation.creationMode.rawValue
        organisationId = String(consultation.organisationID)
        reference = consultation.reference.value
        contractType = consultation.contractType.rawValue
        procedureType = consultation.procedureType.rawValue
        category = consultation.category.rawValue
        title = consultation.title
        object = consultation.object
        internalComment = consultation.internalComment
        placeOfExecution = consultation.placeOfExecution
        cpv = consultation.cpv?.description
        deadline = ParisTime.format(consultation.deadline)
        onlineFrom = ParisTime.format(consultation.onlineFrom)
        accessCode = consultation.accessCode
        let modalities = consultation.modalities
        electronicResponse = modalities.electronicResponse.rawValue
        signature = modalities.signature.rawValue
        encryption = modalities.encryption ? "on" : nil
        envelopeApplication = modalities.envelopes.contains(.application) ? "on" : nil
        envelopeOffer = modalities.envelopes.contains(.offer) ? "on" : nil
        envelopeAnonymity = modalities.envelopes.contains(.anonymity) ? "on" : nil
        openingMode = modalities.openingMode.rawValue
        displayedAfterDeadline = modalities.displayedAfterDeadline ? "on" : nil
        lots = consultation.lots.map(\.title).joined(separator: "\n")
        invited = Dictionary(uniqueKeysWithValues: consultation.invitations.map { ($0.agentID, $0.permanent) })
    }

    /// The fields of a posted form: `invite` repeats once per invited agent, `permanent-<id>` marks a
    /// permanent invitation.
    package init(_ form: FormFields) {
        mode = form["mode"]
        organisationId = form["organisationId"]
        reference = form["reference"]
        contractType = form["contractType"]
        procedureType = form["procedureType"]
        category = form["category"]
        title = form["title"]
        object = form["object"]
        internalComment = form["internalComment"]
        placeOfExecution = form["placeOfExecution"]
        cpv = form["cpv"]
        deadline = form["deadline"]
        onlineFrom = form["onlineFrom"]
        accessCode = form["accessCode"]
        electronicResponse = form["electronicResponse"]
        signature = form["signature"]
        encryption = form["encryption"]
        envelopeApplication = form["envelopeApplication"]
        envelopeOffer = form["envelopeOffer"]
        envelopeAnonymity = form["envelopeAnonymity"]
        openingMode = form["openingMode"]
        displayedAfterDeadline = form["displayedAfterDeadline"]
        lots = form["lots"]
        for id in form.all("invite").compactMap({ Int64($0) }) { invited[id] = form["permanent-\(id)"] != nil }
    }

    package init(
        mode: String? = nil, organisationId: String? = nil, encryption: String? = nil, envelopeOffer: String? = nil
    ) {
        self.mode = mode
        self.organisationId = organisationId
        self.encryption = encryption
        self.envelopeOffer = envelopeOffer
    }

    /// The draft these fields describe; the first unreadable field is reported in French.
    package func draft() throws(DomainError) -> ConsultationDraft {
        func required(_ value: String?, _ field: String) throws(DomainError) -> String {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidField(field: field, reason: "Ce champ est obligatoire.")
            }
            return value
        }
        func choice<T: RawRepresentable<String>>(_ value: String?, _ field: String) throws(DomainError) -> T {
            guard let choice = T(rawValue: try required(value, field)) else {
                throw .invalidField(field: field, reason: "Choisissez une valeur de la liste.")
            }
            return choice
        }
        guard let organisationID = Int64(try required(organisationId, "service")) else {
            throw .invalidField(field: "service", reason: "Choisissez un service de la liste.")
        }
        let mode = creationMode
        var modalities = ConsultationModalities()
        if mode == .standard {
            modalities.electronicResponse = try choice(electronicResponse, "réponse électronique")
            modalities.signature = try choice(signature, "signature électronique")
            modalities.openingMode = try choice(openingMode, "mode d'ouverture")
            modalities.encryption = encryption != nil
            modalities.displayedAfterDeadline = displayedAfterDeadline != nil
            modalities.envelopes = []
            if envelopeApplication != nil { modalities.envelopes.insert(.application) }
            if envelopeOffer != nil { modalities.envelopes.insert(.offer) }
            if envelopeAnonymity != nil { modalities.envelopes.insert(.anonymity) }
        }
        let deadlineTime = try ParisTime.parse(
            try required(self.deadline, "date limite de remise des plis"), field: "date limite de remise des plis")
        var onlineFromTime: Int64?
        if mode == .standard {
            onlineFromTime = try ParisTime.parse(
                try required(self.onlineFrom, "date de mise en ligne"), field: "date de mise en ligne")
        }
        let lotList = (lots ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .enumerated().map { ConsultationLot(number: $0.offset + 1, title: $0.element) }
        return ConsultationDraft(
            mode: mode, organisationID: organisationID, reference: try required(reference, "référence"),
            contractType: try choice(contractType, "type de contrat"),
            procedureType: try choice(procedureType, "type de procédure"),
            category: try choice(category, "catégorie principale"), title: title ?? "", object: object ?? "",
            internalComment: internalComment ?? "", placeOfExecution: placeOfExecution ?? "",
            cpv: mode == .standard ? cpv : nil,
            deadline: deadlineTime, onlineFrom: onlineFromTime,
            accessCode: accessCode?.trimmingCharacters(in: .whitespaces), modalities: modalities,
            lots: mode == .standard ? lotList : [],
            invitations: invited.sorted { $0.key < $1.key }.map {
                ConsultationInvitation(agentID: $0.key, permanent: $0.value)
            })
    }
}

extension ConsultationFormFields {
    /// The form's input (or group of inputs) that a refusal names by its French field name
    /// (``DomainError/invalidField(field:reason:)``), so that the page shows the reason beside it.
    package static func input(named field: String) -> String? {
        switch field {
        case "service": "organisationId"
        case "type de contrat": "contractType"
        case "type de procédure": "procedureType"
        case "catégorie principale": "category"
        case "référence": "reference"
        case "intitulé": "title"
        case "objet": "object"
        case "commentaire interne": "internalComment"
        case "lieu d'exécution": "placeOfExecution"
        case "code CPV": "cpv"
        case "lots": "lots"
        case "date limite de remise des plis": "deadline"
        case "date de mise en ligne": "onlineFrom"
        case "code d'accès": "accessCode"
        case "invités": "invitations"
        case "réponse électronique": "electronicResponse"
        case "signature électronique": "signature"
        case "mode d'ouverture": "openingMode"
        case "chiffrement": "encryption"
        case "enveloppes": "envelopes"
        default: field.hasPrefix("lot ") ? "lots" : nil
        }
    }
}
