import PlatformKernel

/// « Suivi des contrats » (`contracts/list.mustache`): the contracts of the agent's entity, their state, amounts
/// and dates, each linked to its page and its consultation.
package struct ContractListView: Sendable {
    package let lines: [Line]
    package let hasLines: Bool
    package let count: String

    /// One contract in a list.
    package struct Line: Sendable {
        package let number: String
        package let path: String
        package let consultation: String
        package let consultationPath: String
        package let lot: String
        package let object: String
        package let holders: String
        package let holderNames: String
        package let hasLot: Bool
        package let notification: String
        package let amount: String
        package let duration: String
        package let state: String
        package let stateTone: String

        package init(_ contract: Contract) {
            number = contract.number
            path = "/espace-agent/contrats/\(contract.id ?? 0)"
            consultation = contract.consultationReference
            consultationPath = "/consultations/\(contract.consultationID)"
            lot = contract.lotNumber.map { "Lot \($0)" } ?? ""
            hasLot = contract.lotNumber != nil
            holderNames = contract.holders.map(\.name).joined(separator: ", ")
            object = contract.object
            holders = contract.holders.map { "\($0.name) (SIRET \($0.siret.value))" }.joined(separator: ", ")
            notification = contract.notificationDate.french
            amount = contract.currentAmount.french
            duration = "\(contract.currentDurationMonths) mois"
            state = contract.stateLabel
            stateTone = contract.publicationDate == nil ? "warning" : "success"
        }
    }

    package init(contracts: [Contract]) {
        lines = contracts.map(Line.init)
        hasLines = !lines.isEmpty
        count = lines.count == 1 ? "1 contrat" : "\(lines.count) contrats"
    }

    package static func page(_ view: ContractListView, signedIn: SignedInAgent) -> Page<ContractListView> {
        Page(
            "contracts/list", title: "Suivi des contrats", audience: .agent, section: .contracts,
            breadcrumbs: [Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Suivi des contrats")],
            user: signedIn.banner, content: view)
    }
}

/// One contract's page (`contracts/show.mustache`): its initial data, titulaires, essential data (to publish or
/// published, with the DECP identifier) and its modifications in order, with the forms to publish and modify.
package struct ContractView: Sendable {
    package let number: String
    package let state: String
    package let stateTone: String
    package let consultationPath: String
    package let contractsPath: String
    package let rows: [ConsultationView.Row]
    package let holders: [String]
    package let modifications: [Modification]
    package let hasModifications: Bool
    package let canPublish: Bool
    package let publishPath: String
    package let canModify: Bool
    package let modifyPath: String
    package let csrfToken: String
    package let hasRefusal: Bool
    package let refusal: String
    package let refusalFieldID: String
    package let hasRefusalField: Bool
    package let modificationObject: TextInputModel
    package let modificationAmount: TextInputModel
    package let modificationDuration: TextInputModel
    package let signatureDate: TextInputModel
    package let publicationDate: TextInputModel

    package struct Modification: Sendable {
        package let number: String
        package let object: String
        package let changes: String
        package let signed: String
        package let published: String
    }

    package static let fieldIDs = [
        "objet de la modification": "modif-objet", "nouveau montant": "modif-montant",
        "nouvelle durée": "modif-duree", "date de signature": "modif-signature",
        "date de publication": "modif-publication",
    ]

    package init(
        file: ContractService.ContractFile, draft: ModificationDraft, today: CalendarDay, csrfToken: String,
        refusal: FormRefusal?
    ) {
        let contract = file.contract
        let id = contract.id ?? 0
        number = contract.number
        state = contract.stateLabel
        stateTone = contract.publicationDate == nil ? "warning" : "success"
        consultationPath = "/consultations/\(contract.consultationID)"
        contractsPath = "/consultations/\(contract.consultationID)/contrats"
        var rows: [ConsultationView.Row] = [
            .init("Identifiant (données essentielles)", contract.number, code: true),
            .init("Consultation", contract.consultationReference),
        ]
        if let lot = contract.lotNumber {
            rows.append(.init("Lot", "Lot \(lot)" + (file.lotTitle.map { " : \($0)" } ?? "")))
        }
        rows += [
            .init("Acheteur", "\(contract.buyerName) (SIRET \(contract.buyerSIRET.value))"),
            .init("Objet", contract.object), .init("Code CPV", contract.cpv.description),
            .init("Procédure", contract.procedure), .init("Technique d'achat", contract.technique),
            .init("CCAG de référence", contract.generalConditions.label),
            .init("Type de groupement", contract.grouping.label),
            .init("Montant initial (HT)", contract.amount.french),
            .init("Forme du prix", contract.priceForm.label), .init("Type de prix", contract.priceType.label),
            .init("Durée initiale", "\(contract.durationMonths) mois"),
            .init("Nombre d'offres reçues", String(contract.offersReceived)),
            .init("Date de notification", contract.notificationDate.french),
            .init("Date de début d'exécution", contract.executionStartDate.french),
            .init("Contact du contrat", "\(contract.contactName) <\(contract.contactEmail)>"),
            .init("Lieu d'exécution", "\(contract.placeCode) (\(contract.placeCodeType.label))"),
            .init(
                "Publication des données essentielles",
                contract.publicationDate.map { "Publiées le \($0.french)" } ?? "Données à publier"),
        ]
        if !contract.modifications.isEmpty {
            rows += [
                .init("Montant actuel (HT)", contract.currentAmount.french),
                .init("Durée actuelle", "\(contract.currentDurationMonths) mois"),
            ]
        }
        self.rows = rows
        holders = contract.holders.map { "\($0.name) — SIRET \($0.siret.value)" }
        modifications = contract.modifications.map { modification in
            var changes: [String] = []
            if let amount = modification.amount { changes.append("nouveau montant \(amount.french) HT") }
            if let months = modification.durationMonths { changes.append("nouvelle durée \(months) mois") }
            return Modification(
                number: String(modification.number), object: modification.object,
                changes: changes.joined(separator: ", "), signed: modification.signatureDate.french,
                published: modification.publicationDate.french)
        }
        hasModifications = !modifications.isEmpty
        canPublish = file.canManage && contract.publicationDate == nil
        publishPath = "/espace-agent/contrats/\(id)/publication"
        canModify = file.canManage && contract.publicationDate != nil
        modifyPath = "/espace-agent/contrats/\(id)/modifications"
        self.csrfToken = csrfToken
        hasRefusal = refusal != nil
        self.refusal = refusal?.message ?? ""
        refusalFieldID = refusal?.field.flatMap { Self.fieldIDs[$0] } ?? ""
        hasRefusalField = !refusalFieldID.isEmpty
        func error(_ field: String) -> String? { refusal?.error(for: [field]) }
        modificationObject = TextInputModel(
            id: "modif-objet", name: "objet", label: "Objet de la modification", value: draft.object, required: true,
            error: error("objet de la modification"))
        modificationAmount = TextInputModel(
            id: "modif-montant", name: "montant", label: "Nouveau montant (€ HT)", value: draft.amount,
            hint: "Le montant du contrat après la modification ; vide s'il ne change pas.",
            error: error("nouveau montant"), inputMode: "decimal")
        modificationDuration = TextInputModel(
            id: "modif-duree", name: "duree", label: "Nouvelle durée (mois)", value: draft.durationMonths,
            hint: "Vide si elle ne change pas.", error: error("nouvelle durée"), inputMode: "numeric")
        signatureDate = TextInputModel(
            id: "modif-signature", name: "date_signature", label: "Date de signature", value: draft.signatureDate,
            required: true, hint: "jj/mm/aaaa.", error: error("date de signature"))
        publicationDate = TextInputModel(
            id: "modif-publication", name: "date_publication", label: "Date de publication",
            value: draft.publicationDate.isEmpty ? today.french : draft.publicationDate, required: true,
            hint: "jj/mm/aaaa ; par défaut aujourd'hui.", error: error("date de publication"))
    }

    package static func page(_ view: ContractView, signedIn: SignedInAgent) -> Page<ContractView> {
        Page(
            "contracts/show", title: "Contrat \(view.number)", audience: .agent, section: .contracts,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Suivi des contrats", "/espace-agent/contrats"),
                Breadcrumb("Contrat \(view.number)"),
            ],
            user: signedIn.banner, content: view)
    }
}

extension ModificationDraft {
    package init(form: FormFields) {
        self.init(
            object: form["objet"] ?? "", amount: form["montant"] ?? "", durationMonths: form["duree"] ?? "",
            signatureDate: form["date_signature"] ?? "", publicationDate: form["date_publication"] ?? "")
    }
}
