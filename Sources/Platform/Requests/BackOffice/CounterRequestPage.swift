import PlatformKernel

/// "Mode guichet": a request filed for a household at the counter or on the phone. The agent chooses the
/// teleservice, then fills its form for the person concerned, as the citizen would, with the household's
/// documents and the papers handed in, joined by file (`/static/document-upload.js`).
package struct CounterRequestView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let number: String
    package let responsible: String
    package let householdPath: String
    package let error: FormError?
    package let choice: FormField
    package let hasTeleservices: Bool
    package let chosen: Bool
    package let teleserviceID: String
    package let teleserviceName: String
    package let subject: FormField
    package let season: FormField
    package let hasSeasons: Bool
    package let fields: [RequestField]
    package let hasFields: Bool
    package let requiredDocuments: String
    package let hasRequiredDocuments: Bool
    package let documents: [DocumentChoice]
    package let hasDocuments: Bool
    package let pieceKinds: [SelectOption]
    package let uploadPath: String
    package let maximumSize: String

    package init(
        menu: BackOfficeMenu, csrfToken: String, number: String, responsible: String, householdPath: String,
        error: FormError?, choice: FormField, hasTeleservices: Bool, chosen: Bool, teleserviceID: String,
        teleserviceName: String, subject: FormField, season: FormField, hasSeasons: Bool, fields: [RequestField],
        hasFields: Bool, requiredDocuments: String, hasRequiredDocuments: Bool, documents: [DocumentChoice],
        hasDocuments: Bool, pieceKinds: [SelectOption], uploadPath: String, maximumSize: String
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.number = number
        self.responsible = responsible
        self.householdPath = householdPath
        self.error = error
        self.choice = choice
        self.hasTeleservices = hasTeleservices
        self.chosen = chosen
        self.teleserviceID = teleserviceID
        self.teleserviceName = teleserviceName
        self.subject = subject
        self.season = season
        self.hasSeasons = hasSeasons
        self.fields = fields
        self.hasFields = hasFields
        self.requiredDocuments = requiredDocuments
        self.hasRequiredDocuments = hasRequiredDocuments
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.pieceKinds = pieceKinds
        self.uploadPath = uploadPath
        self.maximumSize = maximumSize
    }

    /// A field of the teleservice's form. Its id and name are made from its key in the template, where
    /// the key is escaped like any value: `champ-{{key}}`, `champ.{{key}}`.
    package struct RequestField: Sendable {
        package let key: String
        package let label: String
        package let required: Bool
        package let value: String
        package let inputType: String
        package let isInput: Bool
        package let isNumber: Bool
        package let isDropDown: Bool
        package let isTree: Bool
        package let options: [SelectOption]
        package let entries: [TreeEntry]
        package let hint: String
        package let hasHint: Bool
        package let error: String
        package let hasError: Bool

        package init(
            key: String, label: String, required: Bool, value: String, inputType: String, isInput: Bool, isNumber: Bool,
            isDropDown: Bool, isTree: Bool, options: [SelectOption], entries: [TreeEntry], hint: String, hasHint: Bool,
            error: String, hasError: Bool
        ) {
            self.key = key
            self.label = label
            self.required = required
            self.value = value
            self.inputType = inputType
            self.isInput = isInput
            self.isNumber = isNumber
            self.isDropDown = isDropDown
            self.isTree = isTree
            self.options = options
            self.entries = entries
            self.hint = hint
            self.hasHint = hasHint
            self.error = error
            self.hasError = hasError
        }
    }

    /// A value of a checkbox tree, with the values nested under it.
    package struct TreeEntry: Sendable {
        package let fieldKey: String
        package let key: String
        package let label: String
        package let checked: Bool
        package let children: [TreeEntry]
        package let hasChildren: Bool

        package init(
            fieldKey: String, key: String, label: String, checked: Bool, children: [TreeEntry], hasChildren: Bool
        ) {
            self.fieldKey = fieldKey
            self.key = key
            self.label = label
            self.checked = checked
            self.children = children
            self.hasChildren = hasChildren
        }
    }

    /// A document of the household's space, ticked to join the request.
    package struct DocumentChoice: Sendable {
        package let id: Int64
        package let label: String
        package let checked: Bool

        package init(id: Int64, label: String, checked: Bool) {
            self.id = id
            self.label = label
            self.checked = checked
        }
    }

    /// What the agent chose or typed: kept when the filing is refused.
    package struct Entry: Sendable {
        package var teleservice: Teleservice
        package var lists: [ParameterList]
        /// The seasons of the teleservice open to registrations today.
        package var seasons: [Season]
        package var data: [String: [String]] = [:]
        package var subject: String?
        package var season: String?
        package var documents: Set<Int64> = []

        package init(
            teleservice: Teleservice, lists: [ParameterList], seasons: [Season], data: [String: [String]] = [:],
            subject: String? = nil, season: String? = nil, documents: Set<Int64> = []
        ) {
            self.teleservice = teleservice
            self.lists = lists
            self.seasons = seasons
            self.data = data
            self.subject = subject
            self.season = season
            self.documents = documents
        }
    }

    package static func page(
        signedIn: SignedInAgent, household: Household, teleservices: [Teleservice], documents: [CitizenDocument],
        entry: Entry?, error: FormError?
    ) -> Page<CounterRequestView> {
        let id = household.id ?? 0
        let householdPath = "\(HouseholdPages.root)/\(id)"
        let chosen = entry?.teleservice
        let required = chosen?.requiredDocuments ?? []
        let members = household.members.map { (String($0.id ?? 0), $0.fullName) }
        let seasons = (entry?.seasons ?? []).map { (String($0.id ?? 0), $0.name) }
        let title = "Créer une demande pour le foyer n° \(id)"
        return BackOffice.page(
            "counter", title: title, signedIn: signedIn,
            trail: [
                Breadcrumb("Comptes foyer", HouseholdPages.root), Breadcrumb("Compte foyer n° \(id)", householdPath),
                Breadcrumb("Mode guichet"),
            ],
            scripts: ["/static/document-upload.js"],
            content: CounterRequestView(
                menu: BackOfficeMenu(nil), csrfToken: signedIn.csrfToken, number: String(id),
                responsible: household.responsible?.fullName ?? household.email, householdPath: householdPath,
                error: error,
                choice: FormField(
                    id: "choix-teleservice", name: "teleservice", label: "Téléservice",
                    control: .select(
                        SelectOption.list(
                            teleservices.map { (String($0.id ?? 0), $0.name) }, selected: chosen?.id.map(String.init),
                            placeholder: "— choisir —")),
                    required: true, hint: "Les téléservices en ligne des catégories où vous instruisez les demandes."),
                hasTeleservices: !teleservices.isEmpty, chosen: chosen != nil,
                teleserviceID: chosen?.id.map(String.init) ?? "", teleserviceName: chosen?.name ?? "",
                subject: FormField(
                    id: "sujet", name: "sujet", label: "Personne concernée",
                    control: .select(
                        SelectOption.list(
                            members, selected: entry?.subject ?? household.responsible?.id.map(String.init))),
                    required: true, hint: "Le demandeur est le responsable du foyer.", error: error?.on("sujet")),
                season: FormField(
                    id: "saison", name: "saison", label: "Saison",
                    control: .select(SelectOption.list(seasons, selected: entry?.season, placeholder: "— choisir —")),
                    required: true, hint: "Les saisons ouvertes aux inscriptions aujourd'hui.",
                    error: error?.on("saison")),
                hasSeasons: !seasons.isEmpty,
                fields: (chosen?.form.fields ?? []).compactMap { field in
                    requestField(field, lists: entry?.lists ?? [], values: entry?.data[field.key] ?? [], error: error)
                },
                hasFields: !(chosen?.form.fields.isEmpty ?? true),
                requiredDocuments: required.joined(separator: ", "), hasRequiredDocuments: !required.isEmpty,
                documents: documents.map { document in
                    DocumentChoice(
                        id: document.id ?? 0, label: "\(document.kind) — \(document.fileName)",
                        checked: entry?.documents.contains(document.id ?? 0) ?? false)
                },
                hasDocuments: !documents.isEmpty,
                pieceKinds: required.map { SelectOption(value: $0, label: $0, selected: false) },
                uploadPath: "\(householdPath)/documents",
                maximumSize: "\(FrontOfficeService.maximumDocumentSize >> 20) Mo"))
    }

    /// The ids of the counter form's fields named by the filing's refusals, by French label.
    package static func fieldIDs(_ teleservice: Teleservice?) -> [String: String] {
        var ids = ["Saison": "saison", "Personne concernée": "sujet"]
        for field in teleservice?.form.fields ?? [] where ids[field.label] == nil {
            ids[field.label] = "champ-\(field.key)"
        }
        return ids
    }

    private static func requestField(
        _ field: FormDefinition.Field, lists: [ParameterList], values: [String], error: FormError?
    ) -> RequestField? {
        let list = lists.first { $0.name == field.list }
        if field.kind == .parameters, list == nil { return nil }
        let reason = error?.on("champ-\(field.key)")
        let hint =
            switch field.kind {
            case .date: "Par exemple 2027-09-01."
            case .parameters where list?.presentation == .checkboxTree: "Cochez une ou plusieurs valeurs."
            default: ""
            }
        return RequestField(
            key: field.key, label: field.label, required: field.required, value: values.first ?? "",
            inputType: field.kind == .date ? "date" : field.kind == .number ? "number" : "text",
            isInput: field.kind != .parameters, isNumber: field.kind == .number,
            isDropDown: list?.presentation == .dropDown, isTree: list?.presentation == .checkboxTree,
            options: SelectOption.list(
                (list?.entries ?? []).map { ($0.key, $0.label) }, selected: values.first, placeholder: "— choisir —"),
            entries: tree(list?.entries ?? [], parent: nil, fieldKey: field.key, checked: Set(values)),
            hint: hint, hasHint: !hint.isEmpty, error: reason ?? "", hasError: reason != nil)
    }

    private static func tree(_ entries: [ParameterList.Entry], parent: String?, fieldKey: String, checked: Set<String>)
        -> [TreeEntry]
    {
        entries.filter { $0.parent == parent }.map { entry in
            let children = tree(entries, parent: entry.key, fieldKey: fieldKey, checked: checked)
            return TreeEntry(
                fieldKey: fieldKey, key: entry.key, label: entry.label, checked: checked.contains(entry.key),
                children: children, hasChildren: !children.isEmpty)
        }
    }
}
