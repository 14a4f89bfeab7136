import PlatformKernel

/// "Création d'une consultation" (standard or simplified) and the modification of one in elaboration: the
/// fields in groups (Identification, Lots, Calendrier, Accès, Modalités), the typed values kept, and a
/// refusal shown at the top of the page and beside the field it names.
package struct ConsultationFormView: Sendable {
    package let heading: String
    package let lead: String
    package let action: String
    package let cancelPath: String
    package let csrfToken: String
    package let mode: String
    package let standard: Bool
    package let hasError: Bool
    package let errorMessage: String
    package let hasErrorAnchor: Bool
    package let errorAnchor: String
    /// On creation the service is chosen; on modification it is kept (hidden) and named.
    package let choosesService: Bool
    package let organisationId: String
    package let serviceName: String
    package let service: Select
    package let contractType: Select
    package let procedureType: Select
    package let category: Select
    package let reference: TextInput
    package let title: TextInput
    package let object: TextInput
    package let internalComment: TextInput
    package let placeOfExecution: TextInput
    package let cpv: TextInput
    package let lots: TextInput
    package let deadline: TextInput
    package let onlineFrom: TextInput
    package let accessCode: TextInput
    package let invitations: Invitations
    package let electronicResponse: Choices
    package let displayedAfterDeadline: Checkbox
    package let signature: Choices
    package let openingMode: Choices
    package let encryption: Checkbox
    package let envelopes: CheckboxGroup

    package init(
        heading: String, lead: String, action: String, cancelPath: String, csrfToken: String, mode: String,
        standard: Bool, hasError: Bool, errorMessage: String, hasErrorAnchor: Bool, errorAnchor: String,
        choosesService: Bool, organisationId: String, serviceName: String, service: Select, contractType: Select,
        procedureType: Select, category: Select, reference: TextInput, title: TextInput, object: TextInput,
        internalComment: TextInput, placeOfExecution: TextInput, cpv: TextInput, lots: TextInput, deadline: TextInput,
        onlineFrom: TextInput, accessCode: TextInput, invitations: Invitations, electronicResponse: Choices,
        displayedAfterDeadline: Checkbox, signature: Choices, openingMode: Choices, encryption: Checkbox,
        envelopes: CheckboxGroup
    ) {
        self.heading = heading
        self.lead = lead
        self.action = action
        self.cancelPath = cancelPath
        self.csrfToken = csrfToken
        self.mode = mode
        self.standard = standard
        self.hasError = hasError
        self.errorMessage = errorMessage
        self.hasErrorAnchor = hasErrorAnchor
        self.errorAnchor = errorAnchor
        self.choosesService = choosesService
        self.organisationId = organisationId
        self.serviceName = serviceName
        self.service = service
        self.contractType = contractType
        self.procedureType = procedureType
        self.category = category
        self.reference = reference
        self.title = title
        self.object = object
        self.internalComment = internalComment
        self.placeOfExecution = placeOfExecution
        self.cpv = cpv
        self.lots = lots
        self.deadline = deadline
        self.onlineFrom = onlineFrom
        self.accessCode = accessCode
        self.invitations = invitations
        self.electronicResponse = electronicResponse
        self.displayedAfterDeadline = displayedAfterDeadline
        self.signature = signature
        self.openingMode = openingMode
        self.encryption = encryption
        self.envelopes = envelopes
    }

    /// A text input or a text area, with its hint and error tied to it by `aria-describedby`.
    package struct TextInput: Sendable {
        package let id: String
        package let label: String
        package let value: String
        package let required: Bool
        package let multiline: Bool
        package let hasHint: Bool
        package let hint: String
        package let hintID: String
        package let hasPlaceholder: Bool
        package let placeholder: String
        package let hasAutocomplete: Bool
        package let autocomplete: String
        package let hasError: Bool
        package let error: String
        package let errorID: String
        package let hasDescription: Bool
        package let describedBy: String

        package init(
            id: String, label: String, value: String, required: Bool, multiline: Bool, hasHint: Bool, hint: String,
            hintID: String, hasPlaceholder: Bool, placeholder: String, hasAutocomplete: Bool, autocomplete: String,
            hasError: Bool, error: String, errorID: String, hasDescription: Bool, describedBy: String
        ) {
            self.id = id
            self.label = label
            self.value = value
            self.required = required
            self.multiline = multiline
            self.hasHint = hasHint
            self.hint = hint
            self.hintID = hintID
            self.hasPlaceholder = hasPlaceholder
            self.placeholder = placeholder
            self.hasAutocomplete = hasAutocomplete
            self.autocomplete = autocomplete
            self.hasError = hasError
            self.error = error
            self.errorID = errorID
            self.hasDescription = hasDescription
            self.describedBy = describedBy
        }
    }

    package struct Select: Sendable {
        package let id: String
        package let label: String
        package let required: Bool
        package let hasBlank: Bool
        package let options: [Option]
        package let hasError: Bool
        package let error: String
        package let errorID: String

        package init(
            id: String, label: String, required: Bool, hasBlank: Bool, options: [Option], hasError: Bool, error: String,
            errorID: String
        ) {
            self.id = id
            self.label = label
            self.required = required
            self.hasBlank = hasBlank
            self.options = options
            self.hasError = hasError
            self.error = error
            self.errorID = errorID
        }
    }

    package struct Option: Sendable {
        package let value: String
        package let label: String
        package let selected: Bool

        package init(value: String, label: String, selected: Bool) {
            self.value = value
            self.label = label
            self.selected = selected
        }
    }

    /// Radio buttons under a legend, each with its own hint.
    package struct Choices: Sendable {
        package let name: String
        package let legend: String
        package let options: [Choice]
        package let hasError: Bool
        package let error: String
        package let errorID: String

        package init(
            name: String, legend: String, options: [Choice], hasError: Bool, error: String, errorID: String
        ) {
            self.name = name
            self.legend = legend
            self.options = options
            self.hasError = hasError
            self.error = error
            self.errorID = errorID
        }
    }

    package struct Choice: Sendable {
        package let id: String
        package let value: String
        package let label: String
        package let checked: Bool
        package let hasHint: Bool
        package let hint: String
        package let hintID: String

        package init(
            id: String, value: String, label: String, checked: Bool, hasHint: Bool, hint: String, hintID: String
        ) {
            self.id = id
            self.value = value
            self.label = label
            self.checked = checked
            self.hasHint = hasHint
            self.hint = hint
            self.hintID = hintID
        }
    }

    package struct Checkbox: Sendable {
        package let id: String
        package let label: String
        package let checked: Bool
        package let hasHint: Bool
        package let hint: String
        package let hintID: String
        package let hasError: Bool
        package let error: String
        package let errorID: String
        package let hasDescription: Bool
        package let describedBy: String

        package init(
            id: String, label: String, checked: Bool, hasHint: Bool, hint: String, hintID: String, hasError: Bool,
            error: String, errorID: String, hasDescription: Bool, describedBy: String
        ) {
            self.id = id
            self.label = label
            self.checked = checked
            self.hasHint = hasHint
            self.hint = hint
            self.hintID = hintID
            self.hasError = hasError
            self.error = error
            self.errorID = errorID
            self.hasDescription = hasDescription
            self.describedBy = describedBy
        }
    }

    package struct CheckboxGroup: Sendable {
        package let id: String
        package let legend: String
        package let hint: String
        package let hintID: String
        package let options: [Checkbox]
        package let hasError: Bool
        package let error: String
        package let errorID: String
        package let describedBy: String

        package init(
            id: String, legend: String, hint: String, hintID: String, options: [Checkbox], hasError: Bool,
            error: String, errorID: String, describedBy: String
        ) {
            self.id = id
            self.legend = legend
            self.hint = hint
            self.hintID = hintID
            self.options = options
            self.hasError = hasError
            self.error = error
            self.errorID = errorID
            self.describedBy = describedBy
        }
    }

    /// "Agents invités": one row per agent of the entity who may be invited.
    package struct Invitations: Sendable {
        package let hasAgents: Bool
        package let agents: [InvitedAgent]
        package let hasError: Bool
        package let error: String

        package init(hasAgents: Bool, agents: [InvitedAgent], hasError: Bool, error: String) {
            self.hasAgents = hasAgents
            self.agents = agents
            self.hasError = hasError
            self.error = error
        }
    }

    package struct InvitedAgent: Sendable {
        package let id: String
        package let name: String
        package let invited: Bool
        package let permanent: Bool

        package init(id: String, name: String, invited: Bool, permanent: Bool) {
            self.id = id
            self.name = name
            self.invited = invited
            self.permanent = permanent
        }
    }
}

extension ConsultationFormView {
    /// The form of a new consultation (`consultationID == nil`) or of one being modified, filled with `fields`;
    /// `error` is the refusal of the last submission, shown at the top and beside the field it names.
    package init(
        fields: ConsultationFormFields, csrfToken: String, services: [Organisation], serviceName: String,
        invitable: [Agent], consultationID: Int64?, storedReference: String = "", error: DomainError?
    ) {
        let simplified = fields.creationMode == .simplified
        let refusal = Refusal(error)
        heading =
            consultationID != nil
            ? "Modification de la consultation \(storedReference)"
            : simplified ? "Création d'une consultation simplifiée" : "Création d'une consultation"
        lead =
            simplified && consultationID == nil
            ? "Pour les procédures qui n'ont pas besoin de tout le formulaire (par exemple une demande de devis). "
                + "Le cycle de vie reste le même : validation, consultation, ouverture et analyse, décision."
            : "Renseignez chaque partie puis enregistrez : la consultation reste en élaboration jusqu'à "
                + "la demande de validation."
        action = consultationID.map { "/consultations/\($0)/modifier" } ?? "/consultations/nouvelle"
        cancelPath = consultationID.map { "/consultations/\($0)" } ?? "/consultations"
        self.csrfToken = csrfToken
        mode = fields.creationMode.rawValue
        standard = !simplified
        hasError = error != nil
        choosesService = consultationID == nil
        organisationId = fields.organisationId ?? ""
        self.serviceName = serviceName
        service = Select(
            id: "organisationId", label: "Service de rattachement", required: true, hasBlank: false,
            options: services.map {
                let id = String($0.id ?? 0)
                return Option(value: id, label: $0.name, selected: id == fields.organisationId)
            }, refusal: refusal)
        contractType = Select(
            "contractType", "Type de contrat", ContractType.allCases, fields.contractType, \.label, refusal)
        procedureType = Select(
            "procedureType", "Type de procédure", ProcedureType.allCases, fields.procedureType, \.label, refusal)
        category = Select(
            "category", "Catégorie principale", ProcurementCategory.allCases, fields.category, \.label, refusal)
        reference = TextInput(
            "reference", "Référence", fields.reference, refusal,
            hint: "Entre 5 et 32 caractères alphanumériques ou \"/\", \"_\" ou \"-\". "
                + "Les espaces ne sont pas autorisés.",
            autocomplete: "off")
        title = TextInput("title", "Intitulé de la consultation", fields.title, refusal)
        object = TextInput("object", "Objet de la consultation", fields.object, refusal, multiline: true)
        internalComment = TextInput(
            "internalComment", "Commentaire interne", fields.internalComment, refusal, required: false,
            multiline: true, hint: "Visible des seuls agents, jamais des entreprises.")
        placeOfExecution = TextInput("placeOfExecution", "Lieu d'exécution", fields.placeOfExecution, refusal)
        cpv = TextInput(
            "cpv", "Code CPV", fields.cpv, refusal,
            hint: "Cohérent avec la catégorie : Fournitures 03XXXXXX à 44XXXXXX et 48XXXXXX, "
                + "Travaux 45XXXXXX, Services 49XXXXXX à 98XXXXXX (ex. : 45210000-2).",
            autocomplete: "off")
        lots = TextInput(
            "lots", "Intitulés des lots", fields.lots, refusal, required: false, multiline: true,
            hint: "Un intitulé de lot par ligne, deux lots au moins ; laissez vide pour une consultation non allotie.")
        let dateHint = "Au format jj/mm/aaaa hh:mm, heure de Paris (ex. : 15/09/2026 17:30)."
        deadline = TextInput(
            "deadline", "Date limite de remise des plis", fields.deadline, refusal, hint: dateHint,
            placeholder: "jj/mm/aaaa hh:mm", autocomplete: "off")
        onlineFrom = TextInput(
            "onlineFrom", "Date de mise en ligne", fields.onlineFrom, refusal,
            hint: "Les entreprises voient la consultation à partir de cette date, une fois validée. " + dateHint,
            placeholder: "jj/mm/aaaa hh:mm", autocomplete: "off")
        accessCode = TextInput(
            "accessCode", "Accès restreint - Code d'accès", fields.accessCode, refusal, required: false,
            hint: "Laissez vide pour un accès public. Sinon, de 6 à 32 lettres sans accent ou chiffres, "
                + "à communiquer aux entreprises admises.",
            autocomplete: "off")
        let agents = invitable.map { agent in
            let id = agent.id ?? 0
            return InvitedAgent(
                id: String(id), name: "\(agent.firstName) \(agent.lastName) (\(agent.login))",
                invited: fields.invited[id] != nil, permanent: fields.invited[id] == true)
        }
        invitations = Invitations(
            hasAgents: !agents.isEmpty, agents: agents, hasError: refusal.input == "invitations",
            error: refusal.input == "invitations" ? refusal.reason : "")
        electronicResponse = Choices(
            "electronicResponse", "Réponse électronique", ConsultationModalities.ElectronicResponse.allCases,
            selected: fields.electronicResponse ?? ConsultationModalities.ElectronicResponse.allowed.rawValue,
            label: \.label, hint: { _ in nil }, refusal)
        displayedAfterDeadline = Checkbox(
            "displayedAfterDeadline",
            "Poursuivre l'affichage pour les entreprises après la date limite de remise des plis",
            fields.displayedAfterDeadline, refusal)
        signature = Choices(
            "signature", "Signature électronique", ConsultationModalities.Signature.allCases,
            selected: fields.signature ?? ConsultationModalities.Signature.notRequired.rawValue, label: \.label,
            hint: {
                switch $0 {
                case .notRequired: "La signature électronique n'est pas requise pour la réponse des soumissionnaires."
                case .required: "La signature électronique est requise pour la réponse des soumissionnaires."
                case .allowed: "La signature électronique est possible mais non requise pour la réponse."
                }
            }, refusal)
        openingMode = Choices(
            "openingMode", "Mode d'ouverture", ConsultationModalities.OpeningMode.allCases,
            selected: fields.openingMode ?? ConsultationModalities.OpeningMode.byFolder.rawValue, label: \.label,
            hint: {
                switch $0 {
                case .byFolder: "Les enveloppes sont ouvertes type par type, pour toutes les réponses."
                case .byResponse: "Chaque réponse est ouverte en entier, l'une après l'autre."
                }
            }, refusal)
        encryption = Checkbox(
            "encryption", "Chiffrement de la réponse avec clé cryptographique", fields.encryption, refusal,
            hint: "Les plis sont chiffrés pour la clé du service : seule cette clé les ouvre.")
        let envelopesError = refusal.input == "envelopes"
        envelopes = CheckboxGroup(
            id: "envelopes", legend: "Enveloppes de la réponse",
            hint: "Au moins une enveloppe de candidature ou d'offre.", hintID: "envelopes-aide",
            options: [
                Checkbox("envelopeApplication", "Candidature", fields.envelopeApplication, refusal),
                Checkbox("envelopeOffer", "Offre", fields.envelopeOffer, refusal),
                Checkbox("envelopeAnonymity", "Troisième enveloppe (Anonymat)", fields.envelopeAnonymity, refusal),
            ],
            hasError: envelopesError, error: envelopesError ? refusal.reason : "", errorID: "envelopes-erreur",
            describedBy: envelopesError ? "envelopes-aide envelopes-erreur" : "envelopes-aide")
        // The alert's link leads to the named input, or to the first input of a group; the simplified form
        // has no modalities, lots, CPV code or online date.
        let standardOnly: Set = [
            "cpv", "lots", "onlineFrom", "electronicResponse", "signature", "openingMode", "displayedAfterDeadline",
            "encryption", "envelopes",
        ]
        let anchor: String? =
            switch refusal.input {
            case .some(let input) where simplified && standardOnly.contains(input): nil
            case "electronicResponse": electronicResponse.options.first?.id
            case "signature": signature.options.first?.id
            case "openingMode": openingMode.options.first?.id
            case "envelopes": envelopes.options.first?.id
            case "invitations": invitations.hasAgents ? "invitations" : nil
            case "organisationId": consultationID == nil ? "organisationId" : nil
            default: refusal.input
            }
        hasErrorAnchor = anchor != nil
        errorAnchor = anchor ?? ""
        // The alert names the field as its label does ("Date limite de remise des plis : …").
        let labels: [String: String] = Dictionary(
            [
                service, contractType, procedureType, category,
            ].map { ($0.id, $0.label) }
                + [
                    reference, title, object, internalComment, placeOfExecution, cpv, lots, deadline, onlineFrom,
                    accessCode,
                ].map { ($0.id, $0.label) }
                + [electronicResponse, signature, openingMode].map { ($0.name, $0.legend) }
                + [displayedAfterDeadline, encryption].map { ($0.id, $0.label) }
                + [("envelopes", envelopes.legend), ("invitations", "Agents invités")],
            uniquingKeysWith: { first, _ in first })
        if let input = refusal.input, let label = labels[input], anchor != nil {
            errorMessage = "\(label) : \(refusal.reason)"
        } else {
            errorMessage = error?.description ?? ""
        }
    }

    /// A refusal and the input it names, if the form has one by that name.
    package struct Refusal {
        package let input: String?
        package let reason: String

        package init(_ error: DomainError?) {
            if case .invalidField(let field, let reason) = error {
                input = ConsultationFormFields.input(named: field)
                self.reason = reason
            } else {
                input = nil
                reason = ""
            }
        }

        package func reason(for id: String) -> String? { input == id ? reason : nil }
    }
}

extension ConsultationFormView.TextInput {
    package init(
        _ id: String, _ label: String, _ value: String?, _ refusal: ConsultationFormView.Refusal,
        required: Bool = true, multiline: Bool = false, hint: String? = nil, placeholder: String? = nil,
        autocomplete: String? = nil
    ) {
        let error = refusal.reason(for: id)
        self.init(
            id: id, label: label, value: value ?? "", required: required, multiline: multiline,
            hasHint: hint != nil, hint: hint ?? "", hintID: "\(id)-aide", hasPlaceholder: placeholder != nil,
            placeholder: placeholder ?? "", hasAutocomplete: autocomplete != nil, autocomplete: autocomplete ?? "",
            hasError: error != nil, error: error ?? "", errorID: "\(id)-erreur",
            hasDescription: hint != nil || error != nil,
            describedBy: [hint.map { _ in "\(id)-aide" }, error.map { _ in "\(id)-erreur" }].compactMap { $0 }
                .joined(separator: " "))
    }
}

extension ConsultationFormView.Select {
    package init(
        id: String, label: String, required: Bool, hasBlank: Bool, options: [ConsultationFormView.Option],
        refusal: ConsultationFormView.Refusal
    ) {
        let error = refusal.reason(for: id)
        self.init(
            id: id, label: label, required: required, hasBlank: hasBlank, options: options, hasError: error != nil,
            error: error ?? "", errorID: "\(id)-erreur")
    }

    /// A required list of `cases`, "Sélectionnez..." first.
    package init<T: RawRepresentable<String>>(
        _ id: String, _ label: String, _ cases: [T], _ selected: String?, _ text: (T) -> String,
        _ refusal: ConsultationFormView.Refusal
    ) {
        self.init(
            id: id, label: label, required: true, hasBlank: true,
            options: cases.map {
                ConsultationFormView.Option(value: $0.rawValue, label: text($0), selected: $0.rawValue == selected)
            }, refusal: refusal)
    }
}

extension ConsultationFormView.Choices {
    package init<T: RawRepresentable<String>>(
        _ name: String, _ legend: String, _ cases: [T], selected: String, label: (T) -> String,
        hint: (T) -> String?, _ refusal: ConsultationFormView.Refusal
    ) {
        let error = refusal.reason(for: name)
        self.init(
            name: name, legend: legend,
            options: cases.map { option in
                let id = "\(name)-\(option.rawValue)"
                let text = hint(option)
                return ConsultationFormView.Choice(
                    id: id, value: option.rawValue, label: label(option), checked: option.rawValue == selected,
                    hasHint: text != nil, hint: text ?? "", hintID: "\(id)-aide")
            }, hasError: error != nil, error: error ?? "", errorID: "\(name)-erreur")
    }
}

extension ConsultationFormView.Checkbox {
    package init(
        _ id: String, _ label: String, _ value: String?, _ refusal: ConsultationFormView.Refusal,
        hint: String? = nil
    ) {
        let error = refusal.reason(for: id)
        self.init(
            id: id, label: label, checked: value != nil, hasHint: hint != nil, hint: hint ?? "",
            hintID: "\(id)-aide", hasError: error != nil, error: error ?? "", errorID: "\(id)-erreur",
            hasDescription: hint != nil || error != nil,
            describedBy: [hint.map { _ in "\(id)-aide" }, error.map { _ in "\(id)-erreur" }].compactMap { $0 }
                .joined(separator: " "))
    }
}
