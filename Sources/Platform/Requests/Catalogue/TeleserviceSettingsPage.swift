import PlatformKernel

/// "Configuration du téléservice": its state (online switch, name), alerts (quality of service), form,
/// supporting documents, parameter lists and seasons, a tab each. A refused form comes back with the
/// French reason at the top of its tab and beside its field, and the values typed.
package struct TeleserviceSettingsView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let base: String
    package let name: String
    package let categoryName: String
    package let online: Badge
    package let isOnline: Bool
    package let switchLabel: String
    package let switchValue: String
    // État
    package let stateError: FormError?
    package let nameField: FormField
    // Alertes
    package let alertsError: FormError?
    package let maximum: FormField
    package let reminder: FormField
    package let usesDefaults: Bool
    // Formulaire
    package let formError: FormError?
    package let formFields: [FormLine]
    package let hasFormFields: Bool
    package let definition: FormField
    // Pièces
    package let documentsError: FormError?
    package let documents: [String]
    package let hasDocuments: Bool
    package let document: FormField
    // Paramètres
    package let listsError: FormError?
    package let lists: [ListForm]
    package let hasLists: Bool
    package let newListName: FormField
    package let newListPresentation: FormField
    package let newListValues: FormField
    // Saisons
    package let seasonsError: FormError?
    package let seasons: [SeasonRow]
    package let hasSeasons: Bool
    package let seasonTitle: String
    package let seasonID: String
    package let editsSeason: Bool
    package let seasonFields: [FormField]
    package let seasonDates: [FormField]

    package init(
        menu: BackOfficeMenu, csrfToken: String, base: String, name: String, categoryName: String, online: Badge,
        isOnline: Bool, switchLabel: String, switchValue: String, stateError: FormError?, nameField: FormField,
        alertsError: FormError?, maximum: FormField, reminder: FormField, usesDefaults: Bool, formError: FormError?,
        formFields: [FormLine], hasFormFields: Bool, definition: FormField, documentsError: FormError?,
        documents: [String], hasDocuments: Bool, document: FormField, listsError: FormError?, lists: [ListForm],
        hasLists: Bool, newListName: FormField, newListPresentation: FormField, newListValues: FormField,
        seasonsError: FormError?, seasons: [SeasonRow], hasSeasons: Bool, seasonTitle: String, seasonID: String,
        editsSeason: Bool, seasonFields: [FormField], seasonDates: [FormField]
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.base = base
        self.name = name
        self.categoryName = categoryName
        self.online = online
        self.isOnline = isOnline
        self.switchLabel = switchLabel
        self.switchValue = switchValue
        self.stateError = stateError
        self.nameField = nameField
        self.alertsError = alertsError
        self.maximum = maximum
        self.reminder = reminder
        self.usesDefaults = usesDefaults
        self.formError = formError
        self.formFields = formFields
        self.hasFormFields = hasFormFields
        self.definition = definition
        self.documentsError = documentsError
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.document = document
        self.listsError = listsError
        self.lists = lists
        self.hasLists = hasLists
        self.newListName = newListName
        self.newListPresentation = newListPresentation
        self.newListValues = newListValues
        self.seasonsError = seasonsError
        self.seasons = seasons
        self.hasSeasons = hasSeasons
        self.seasonTitle = seasonTitle
        self.seasonID = seasonID
        self.editsSeason = editsSeason
        self.seasonFields = seasonFields
        self.seasonDates = seasonDates
    }

    package struct FormLine: Sendable {
        package let key: String
        package let label: String
        package let kind: String
        package let required: String

        package init(key: String, label: String, kind: String, required: String) {
            self.key = key
            self.label = label
            self.kind = kind
            self.required = required
        }
    }

    package struct ListForm: Sendable {
        package let index: Int
        package let name: String
        package let presentationLabel: String
        package let presentation: FormField
        package let values: FormField
        package let newName: FormField
        package let count: Int

        package init(
            index: Int, name: String, presentationLabel: String, presentation: FormField, values: FormField,
            newName: FormField, count: Int
        ) {
            self.index = index
            self.name = name
            self.presentationLabel = presentationLabel
            self.presentation = presentation
            self.values = values
            self.newName = newName
            self.count = count
        }
    }

    package struct SeasonRow: Sendable {
        package let id: Int64
        package let name: String
        package let registrations: String
        package let validation: String
        package let period: String
        package let editPath: String

        package init(
            id: Int64, name: String, registrations: String, validation: String, period: String, editPath: String
        ) {
            self.id = id
            self.name = name
            self.registrations = registrations
            self.validation = validation
            self.period = period
            self.editPath = editPath
        }
    }

    /// The tabs' forms.
    package struct OnlineForm: Decodable, Sendable {
        package var enLigne: String?

        package init(enLigne: String? = nil) {
            self.enLigne = enLigne
        }

        package enum CodingKeys: String, CodingKey { case enLigne = "en-ligne" }
    }

    package static func page(
        signedIn: SignedInAgent, settings: RequestCatalogService.TeleserviceSettings, platformQuality: QualityOfService,
        editingSeason: Season?, failure: ManagementFailure?
    ) -> Page<TeleserviceSettingsView> {
        let teleservice = settings.teleservice
        let base = "\(RequestManagement.root)/teleservices/\(teleservice.id ?? 0)"
        let section = failure?.section ?? ""
        func error(_ sections: [String], _ ids: [String: String] = [:], fallback: String? = nil) -> FormError? {
            guard let failure, sections.contains(failure.section) else { return nil }
            return failure.error(ids, fallback: fallback)
        }
        func value(_ form: String, _ name: String, _ stored: String) -> String {
            failure?.value(form, name, stored) ?? stored
        }
        let stateError = error(["etat", "nom"], fallback: section == "nom" ? "nom-teleservice" : nil)
        let alertsError = error(
            ["alertes"], ["Temps maximum d'instruction": "alertes-maximum", "Alerte de rappel": "alertes-rappel"])
        let formError = error(["formulaire"], fallback: "formulaire-champs")
        let documentsError = error(["pieces", "pieces/retirer"], fallback: section == "pieces" ? "pieces-piece" : nil)
        let own = teleservice.qualityOfService
        let title = "Configuration du téléservice « \(teleservice.name) »"
        let lists = Self.lists(settings, failure: failure)
        let seasons = Self.seasons(settings, base: base, editing: editingSeason, failure: failure)
        return RequestManagement.page(
            "teleservice", title: title, signedIn: signedIn, trail: [Breadcrumb("Téléservice « \(teleservice.name) »")],
            content: TeleserviceSettingsView(
                menu: BackOfficeMenu(.management), csrfToken: signedIn.csrfToken, base: base, name: teleservice.name,
                categoryName: settings.category.name, online: Badge.online(teleservice.online),
                isOnline: teleservice.online,
                switchLabel: teleservice.online ? "Mettre hors ligne" : "Mettre en ligne",
                switchValue: teleservice.online ? "0" : "1", stateError: stateError,
                nameField: FormField(
                    id: "nom-teleservice", name: "nom", label: "Nom du téléservice",
                    value: value("nom", "nom", teleservice.name), required: true,
                    hint: "Unique sur la plateforme : les usagers le lisent dans le catalogue des démarches.",
                    error: stateError?.on("nom-teleservice")),
                alertsError: alertsError,
                maximum: FormField(
                    id: "alertes-maximum", name: "maximum", label: "Temps maximum d'instruction (jours ouvrés)",
                    value: value("alertes", "maximum", own.map { String($0.maximumDays) } ?? ""),
                    control: .input(type: "number"),
                    hint: "Valeur par défaut : \(platformQuality.maximumDays) jours. "
                        + "Au-delà, la demande est « En retard ».",
                    error: alertsError?.on("alertes-maximum")),
                reminder: FormField(
                    id: "alertes-rappel", name: "rappel", label: "Alerte de rappel (jours ouvrés)",
                    value: value("alertes", "rappel", own.map { String($0.reminderDays) } ?? ""),
                    control: .input(type: "number"),
                    hint: "Valeur par défaut : \(platformQuality.reminderDays) jours. "
                        + "Au-delà, la demande est « Urgente ».",
                    error: alertsError?.on("alertes-rappel")),
                usesDefaults: own == nil, formError: formError,
                formFields: teleservice.form.fields.map { field in
                    FormLine(
                        key: field.key, label: field.label, kind: kindLabel(field),
                        required: field.required ? "Obligatoire" : "Facultatif")
                },
                hasFormFields: !teleservice.form.fields.isEmpty,
                definition: FormField(
                    id: "formulaire-champs", name: "champs", label: "Champs, un par ligne",
                    value: value("formulaire", "champs", FormDefinitionText.text(teleservice.form)),
                    control: .textarea(rows: max(4, teleservice.form.fields.count + 2)),
                    hint: "« clé ; libellé ; type ; obligatoire » — type texte, date, nombre ou liste:NOM (une liste "
                        + "de l'onglet Paramètres) ; « obligatoire » ou « facultatif » (par défaut). La clé ne change "
                        + "pas les données des demandes déjà déposées.",
                    error: formError?.on("formulaire-champs")),
                documentsError: documentsError, documents: teleservice.requiredDocuments,
                hasDocuments: !teleservice.requiredDocuments.isEmpty,
                document: FormField(
                    id: "pieces-piece", name: "piece", label: "Pièce justificative",
                    value: value("pieces", "piece", ""), required: true,
                    hint: "Par exemple « Justificatif de domicile ».", error: documentsError?.on("pieces-piece")),
                listsError: lists.error, lists: lists.forms, hasLists: !lists.forms.isEmpty,
                newListName: lists.newName, newListPresentation: lists.newPresentation, newListValues: lists.newValues,
                seasonsError: seasons.error, seasons: seasons.rows, hasSeasons: !seasons.rows.isEmpty,
                seasonTitle: seasons.editedID.isEmpty ? "Nouvelle saison" : "Modifier la saison",
                seasonID: seasons.editedID, editsSeason: !seasons.editedID.isEmpty, seasonFields: seasons.fields,
                seasonDates: seasons.dates))
    }

    private static func kindLabel(_ field: FormDefinition.Field) -> String {
        switch field.kind {
        case .text: "Texte"
        case .date: "Date"
        case .number: "Nombre"
        case .parameters: "Liste « \(field.list ?? "") »"
        }
    }

    package static let entriesHint =
        "Une valeur par ligne : « clé ; libellé », ou « clé ; libellé ; clé parente » pour l'imbriquer dans un "
        + "arbre case à cocher. Clés et libellés sont uniques dans la liste."

    private static func lists(_ settings: RequestCatalogService.TeleserviceSettings, failure: ManagementFailure?)
        -> (
            error: FormError?, forms: [ListForm], newName: FormField, newPresentation: FormField, newValues: FormField
        )
    {
        let presentations = ParameterList.Presentation.allCases.map { ($0.rawValue, $0.label) }
        let listSections = ["parametres", "parametres/renommer", "parametres/supprimer"]
        let failed = failure.flatMap { listSections.contains($0.section) ? $0 : nil }
        let failedIndex = settings.lists.firstIndex { $0.name == failed?.values["nom"] }
        let isNew = failed?.section == "parametres" && failedIndex == nil
        var error: FormError?
        if let failed {
            if let index = failedIndex {
                let prefix = "liste-\(index)"
                error = failed.error(
                    [
                        "Représentation": "\(prefix)-presentation", "Valeurs": "\(prefix)-valeurs",
                        "Paramètre": "\(prefix)-valeurs",
                    ],
                    fallback: failed.section == "parametres/renommer" ? "\(prefix)-nouveau-nom" : nil)
            } else if isNew {
                error = failed.error(
                    [
                        "Nom de la liste": "nouvelle-liste-nom", "Représentation": "nouvelle-liste-presentation",
                        "Valeurs": "nouvelle-liste-valeurs", "Paramètre": "nouvelle-liste-valeurs",
                    ],
                    fallback: failed.status == .conflict ? "nouvelle-liste-nom" : nil)
            } else {
                error = failed.error()
            }
        }
        let forms = settings.lists.enumerated().map { index, list in
            let prefix = "liste-\(index)"
            let typed = failedIndex == index ? failed?.values ?? [:] : [:]
            return ListForm(
                index: index, name: list.name, presentationLabel: list.presentation.label,
                presentation: FormField(
                    id: "\(prefix)-presentation", name: "presentation", label: "Représentation",
                    control: .select(
                        SelectOption.list(
                            presentations, selected: typed["presentation"] ?? list.presentation.rawValue)),
                    required: true, error: error?.on("\(prefix)-presentation")),
                values: FormField(
                    id: "\(prefix)-valeurs", name: "valeurs", label: "Valeurs",
                    value: typed["valeurs"] ?? ParameterEntriesText.text(list.entries),
                    control: .textarea(rows: max(3, list.entries.count + 1)), hint: entriesHint,
                    error: error?.on("\(prefix)-valeurs")),
                newName: FormField(
                    id: "\(prefix)-nouveau-nom", name: "nouveau-nom", label: "Nouveau nom de la liste",
                    value: typed["nouveau-nom"] ?? list.name, required: true,
                    hint: "Les champs du formulaire qui proposent la liste suivent le nouveau nom.",
                    error: error?.on("\(prefix)-nouveau-nom")),
                count: list.entries.count)
        }
        let kept = isNew ? failed?.values ?? [:] : [:]
        return (
            error, forms,
            FormField(
                id: "nouvelle-liste-nom", name: "nom", label: "Nom de la liste", value: kept["nom"] ?? "",
                required: true, hint: "Un champ du formulaire la propose avec le type liste:NOM.",
                error: error?.on("nouvelle-liste-nom")),
            FormField(
                id: "nouvelle-liste-presentation", name: "presentation", label: "Représentation",
                control: .select(SelectOption.list(presentations, selected: kept["presentation"])), required: true,
                error: error?.on("nouvelle-liste-presentation")),
            FormField(
                id: "nouvelle-liste-valeurs", name: "valeurs", label: "Valeurs", value: kept["valeurs"] ?? "",
                control: .textarea(rows: 4), hint: entriesHint, error: error?.on("nouvelle-liste-valeurs"))
        )
    }

    private static func seasons(
        _ settings: RequestCatalogService.TeleserviceSettings, base: String, editing: Season?,
        failure: ManagementFailure?
    ) -> (error: FormError?, rows: [SeasonRow], editedID: String, fields: [FormField], dates: [FormField]) {
        let failed = failure?.section == "saisons" ? failure : nil
        let labels = [
            ("inscriptions-ouverture", "Ouverture des inscriptions", editing?.registrationOpens),
            ("inscriptions-cloture", "Clôture des inscriptions", editing?.registrationCloses),
            ("validation", "Validation des demandes à partir du", editing?.validationFrom),
            ("debut", "Début de la saison", editing?.start), ("fin", "Fin de la saison", editing?.end),
        ]
        var ids = Dictionary(uniqueKeysWithValues: labels.map { ($0.1, "saison-\($0.0)") })
        ids["Nom"] = "saison-nom"
        let error = failed?.error(ids)
        let rows = settings.seasons.map { season in
            let id = season.id ?? 0
            return SeasonRow(
                id: id, name: season.name,
                registrations: "du \(season.registrationOpens.french) au \(season.registrationCloses.french)",
                validation: season.validationFrom.french, period: "du \(season.start.french) au \(season.end.french)",
                editPath: "\(base)/saisons/\(id)#saisons")
        }
        let editedID = failed.map { $0.values["id"] ?? "" } ?? editing?.id.map(String.init) ?? ""
        func typed(_ name: String, _ stored: String) -> String { failed?.values[name] ?? stored }
        let name = FormField(
            id: "saison-nom", name: "nom", label: "Nom de la saison", value: typed("nom", editing?.name ?? ""),
            required: true, hint: "Par exemple « Année scolaire 2027-2028 ».", error: error?.on("saison-nom"))
        let dates = labels.map { name, label, stored in
            FormField(
                id: "saison-\(name)", name: name, label: label, value: typed(name, stored?.iso ?? ""),
                control: .input(type: "date"), required: true, error: error?.on("saison-\(name)"))
        }
        return (error, rows, editedID, [name], dates)
    }
}

extension ParameterList.Presentation {
    package var label: String {
        switch self {
        case .dropDown: "Liste déroulante"
        case .checkboxTree: "Arbre case à cocher"
        }
    }
}
