import PlatformKernel

/// The « Contrats » page of a consultation (`contracts/consultation.mustache`): the contracts recorded after the
/// decisions « Attribution », and the form that records one, a refused field's reason beside it.
package struct ContractFormView: Sendable {
    package let reference: String
    package let title: String
    package let consultationPath: String
    package let decisions: [String]
    package let hasDecisions: Bool
    package let contracts: [ContractListView.Line]
    package let hasContracts: Bool
    package let canCreate: Bool
    package let cannotCreateNote: String
    package let formPath: String
    package let csrfToken: String
    package let hasRefusal: Bool
    package let refusal: String
    package let refusalFieldID: String
    package let hasRefusalField: Bool
    package let hasAward: Bool
    package let lot: [SelectInputModel]
    package let buyerSIRET: TextInputModel
    package let object: TextInputModel
    package let cpv: TextInputModel
    package let holders: [HolderFields]
    package let grouping: SelectInputModel
    package let amount: TextInputModel
    package let priceForm: SelectInputModel
    package let priceType: SelectInputModel
    package let generalConditions: SelectInputModel
    package let duration: TextInputModel
    package let offers: TextInputModel
    package let notificationDate: TextInputModel
    package let executionStartDate: TextInputModel
    package let contactName: TextInputModel
    package let contactEmail: TextInputModel
    package let placeCode: TextInputModel
    package let placeCodeType: SelectInputModel

    package struct HolderFields: Sendable {
        package let legend: String
        package let name: TextInputModel
        package let siret: TextInputModel
    }

    /// The refused field's input `id`, by the field name its error gives (lower case).
    package static let fieldIDs: [String: String] = {
        var ids = [
            "lot": "lot", "siret de l'acheteur": "acheteur-siret", "objet": "objet", "code cpv": "cpv",
            "groupement": "groupement", "montant": "montant", "forme du prix": "forme-prix",
            "type de prix": "type-prix", "ccag": "ccag", "durée": "duree", "nombre d'offres reçues": "offres",
            "date de notification": "date-notification", "date de début d'exécution": "date-debut",
            "contact du contrat": "contact-nom", "e-mail du contact": "contact-email",
            "code du lieu d'exécution": "lieu-code", "type de code": "lieu-type",
        ]
        for number in 1...ContractPolicy.maximumHolders {
            ids["nom du titulaire \(number)"] = "titulaire\(number)-nom"
            ids["siret du titulaire \(number)"] = "titulaire\(number)-siret"
        }
        return ids
    }()

    package init(
        file: ContractService.ConsultationContracts, draft: ContractDraft, csrfToken: String, refusal: FormRefusal?
    ) {
        let consultation = file.consultation
        let id = consultation.id ?? 0
        func error(_ field: String) -> String? { refusal?.error(for: [field]) }
        func input(
            _ id: String, _ name: String, _ label: String, _ value: String, _ field: String, hint: String? = nil,
            required: Bool = true, inputMode: String? = nil, autocomplete: String? = nil, type: String = "text"
        ) -> TextInputModel {
            TextInputModel(
                id: id, name: name, label: label, type: type, value: value, required: required, hint: hint,
                error: error(field), autocomplete: autocomplete, inputMode: inputMode)
        }
        func select<T: RawRepresentable<String> & CaseIterable>(
            _ id: String, _ label: String, _: T.Type, _ value: String, _ field: String, hint: String? = nil
        ) -> SelectInputModel {
            SelectInputModel(
                id: id, name: id.replacingOccurrences(of: "-", with: "_"), label: label,
                options: T.allCases.map { ($0.rawValue, $0.rawValue) }, selected: value, required: true, hint: hint,
                error: error(field))
        }
        reference = consultation.reference.value
        title = consultation.title
        consultationPath = "/consultations/\(id)"
        decisions = file.decisions.map { decision in
            (decision.lotNumber.map { "Lot \($0) : " } ?? "") + decision.kind.label
        }
        hasDecisions = !decisions.isEmpty
        contracts = file.contracts.map(ContractListView.Line.init)
        hasContracts = !contracts.isEmpty
        let awarded = file.decisions.contains { $0.kind == .award }
        canCreate = file.canManage
        hasAward = awarded
        cannotCreateNote =
            awarded
            ? "" : "Aucune décision « Attribution » n'est enregistrée : un contrat se saisit après l'attribution."
        formPath = "/consultations/\(id)/contrats"
        self.csrfToken = csrfToken
        hasRefusal = refusal != nil
        self.refusal = refusal?.message ?? ""
        refusalFieldID = refusal?.field.flatMap { Self.fieldIDs[$0] } ?? ""
        hasRefusalField = !refusalFieldID.isEmpty
        lot =
            consultation.lots.isEmpty
            ? []
            : [
                SelectInputModel(
                    id: "lot", name: "lot", label: "Lot",
                    options: consultation.lots.map { lot in
                        let decision = file.decisions.first { $0.lotNumber == lot.number }
                        return (
                            String(lot.number),
                            "Lot \(lot.number) : \(lot.title) (\(decision?.kind.label ?? "sans décision"))"
                        )
                    },
                    selected: draft.lot, required: true, hint: "Le lot attribué par une décision « Attribution ».",
                    error: error("lot"))
            ]
        buyerSIRET = input(
            "acheteur-siret", "acheteur_siret", "SIRET de l'acheteur", draft.buyerSIRET, "siret de l'acheteur",
            hint: "14 chiffres, l'identifiant de l'acheteur dans les données essentielles.", inputMode: "numeric")
        object = input("objet", "objet", "Objet du contrat", draft.object, "objet", hint: "1 000 caractères au plus.")
        cpv = input(
            "cpv", "cpv", "Code CPV", draft.cpv, "code cpv", hint: "8 chiffres, par exemple 45210000.",
            inputMode: "numeric")
        holders = (1...ContractPolicy.maximumHolders).map { number in
            let typed = number <= draft.holders.count ? draft.holders[number - 1] : (name: "", siret: "")
            return HolderFields(
                legend: number == 1 ? "Titulaire" : "Co-traitant \(number) (groupement, facultatif)",
                name: input(
                    "titulaire\(number)-nom", "titulaire\(number)_nom", "Raison sociale", typed.name,
                    "nom du titulaire \(number)", required: number == 1),
                siret: input(
                    "titulaire\(number)-siret", "titulaire\(number)_siret", "SIRET", typed.siret,
                    "siret du titulaire \(number)", hint: "14 chiffres (SIREN puis NIC).", required: number == 1,
                    inputMode: "numeric"))
        }
        grouping = select(
            "groupement", "Type de groupement", OperatorGrouping.self, draft.grouping, "groupement",
            hint: "« Conjoint » ou « Solidaire » lorsque plusieurs titulaires forment un groupement.")
        amount = input(
            "montant", "montant", "Montant (€ HT)", draft.amount, "montant",
            hint: "Montant forfaitaire ou estimé maximum hors taxes, par exemple 125 000,50.", inputMode: "decimal")
        priceForm = select("forme-prix", "Forme du prix", PriceForm.self, draft.priceForm, "forme du prix")
        priceType = select("type-prix", "Type de prix", PriceType.self, draft.priceType, "type de prix")
        generalConditions = select(
            "ccag", "CCAG de référence", GeneralConditions.self, draft.generalConditions, "ccag")
        duration = input(
            "duree", "duree", "Durée (mois)", draft.durationMonths, "durée",
            hint: "Durée initiale en mois, reconductions comprises.", inputMode: "numeric")
        offers = input(
            "offres", "offres", "Nombre d'offres reçues", draft.offersReceived, "nombre d'offres reçues",
            inputMode: "numeric")
        notificationDate = input(
            "date-notification", "date_notification", "Date de notification", draft.notificationDate,
            "date de notification", hint: "jj/mm/aaaa.")
        executionStartDate = input(
            "date-debut", "date_debut", "Date de début d'exécution", draft.executionStartDate,
            "date de début d'exécution", hint: "jj/mm/aaaa, au plus tôt la date de notification.")
        contactName = input(
            "contact-nom", "contact_nom", "Contact du contrat (agent)", draft.contactName, "contact du contrat",
            autocomplete: "name")
        contactEmail = input(
            "contact-email", "contact_email", "E-mail du contact", draft.contactEmail, "e-mail du contact",
            autocomplete: "email", type: "email")
        placeCode = input(
            "lieu-code", "lieu_code", "Code du lieu d'exécution", draft.placeCode, "code du lieu d'exécution",
            hint: "Code INSEE de la commune de préférence, par exemple 59350 pour Lille.")
        placeCodeType = select(
            "lieu-type", "Type de code du lieu d'exécution", PlaceCodeType.self, draft.placeCodeType, "type de code")
    }

    package static func page(_ view: ContractFormView, signedIn: SignedInAgent) -> Page<ContractFormView> {
        Page(
            "contracts/consultation", title: "Contrats de la consultation \(view.reference)", audience: .agent,
            section: .contracts,
            breadcrumbs: [
                Breadcrumb("Espace agent", "/espace-agent"), Breadcrumb("Mes consultations", "/consultations"),
                Breadcrumb("Consultation \(view.reference)", view.consultationPath), Breadcrumb("Contrats"),
            ],
            user: signedIn.banner, content: view)
    }
}

extension ContractDraft {
    /// The form's first values: the consultation's object and CPV, the agent as the contact, the usual CCAG, the
    /// first awarded lot without a contract, the entity's SIRET given last time.
    package init(defaultsFor file: ContractService.ConsultationContracts, agent: Agent) {
        self.init()
        let consultation = file.consultation
        let awarded = file.decisions.filter { $0.kind == .award }.compactMap(\.lotNumber)
        let contracted = Set(file.contracts.compactMap(\.lotNumber))
        let lotNumber = awarded.first { !contracted.contains($0) } ?? awarded.first
        lot = lotNumber.map(String.init) ?? ""
        let lotTitle = lotNumber.flatMap { number in consultation.lots.first { $0.number == number }?.title }
        object = lotTitle.map { "\(consultation.object) — lot \(lotNumber ?? 0) : \($0)" } ?? consultation.object
        cpv = consultation.cpv?.digits ?? ""
        buyerSIRET = file.lastBuyerSIRET ?? ""
        generalConditions = GeneralConditions.usual(for: consultation.category).rawValue
        contactName = "\(agent.firstName) \(agent.lastName)"
        contactEmail = agent.email
    }

    /// The fields of a posted form.
    package init(form: FormFields) {
        self.init()
        lot = form["lot"] ?? ""
        buyerSIRET = form["acheteur_siret"] ?? ""
        object = form["objet"] ?? ""
        cpv = form["cpv"] ?? ""
        holders = (1...ContractPolicy.maximumHolders).map {
            (name: form["titulaire\($0)_nom"] ?? "", siret: form["titulaire\($0)_siret"] ?? "")
        }
        grouping = form["groupement"] ?? ""
        amount = form["montant"] ?? ""
        priceForm = form["forme_prix"] ?? ""
        priceType = form["type_prix"] ?? ""
        generalConditions = form["ccag"] ?? ""
        durationMonths = form["duree"] ?? ""
        offersReceived = form["offres"] ?? ""
        notificationDate = form["date_notification"] ?? ""
        executionStartDate = form["date_debut"] ?? ""
        contactName = form["contact_nom"] ?? ""
        contactEmail = form["contact_email"] ?? ""
        placeCode = form["lieu_code"] ?? ""
        placeCodeType = form["lieu_type"] ?? ""
    }
}
