import Hummingbird
import PlatformKernel

/// The management pages' shared pieces, under `/espace-agent/demarches/gestion` ("Administration des
/// téléservices", main navigation's "Gestion des démarches").
package enum RequestManagement {
    package static let root = "\(BackOffice.root)/gestion"

    /// A management page for the signed-in agent, below "Administration des téléservices".
    package static func page<Content: Sendable>(
        _ template: String, title: String, signedIn: SignedInAgent, trail: [Breadcrumb], content: Content
    ) -> Page<Content> {
        let home = Breadcrumb("Administration des téléservices", trail.isEmpty ? nil : root)
        return BackOffice.page(
            template, title: title, signedIn: signedIn, section: .requestsManagement, trail: [home] + trail,
            content: content)
    }
}

/// A refused form of a management page: which form (`section`), the French reason and the field it names
/// (by its label), the status, and the values typed, shown again.
package struct ManagementFailure: Sendable {
    /// The refused form: `nouvelle-categorie`, `nouveau-teleservice-{id}`, `droits`, or a teleservice's
    /// `etat`, `nom`, `alertes`, `formulaire`, `pieces`, `parametres`, `parametres/renommer`, `saisons`…
    package var section: String
    package var message: String
    /// The label of the field the error names, if it names one.
    package var label: String?
    package var reason: String
    package var status: HTTPResponse.Status
    package var values: [String: String]

    /// The failure of `section` for a refusal the form shows (an invalid field, a conflict, a season's
    /// overlap); `nil` for the others (no right, not found), which the error page answers.
    package init?(section: String, error: any Error, values: [String: String]) {
        self.section = section
        self.values = values
        if let error = error as? RequestError, error.status == .badRequest || error.status == .conflict {
            (message, label, reason, status) = (error.description, nil, error.description, error.status)
        } else if let error = error as? DomainError, error.status == .badRequest || error.status == .conflict {
            (message, reason, status) = (error.description, error.description, error.status)
            if case .invalidField(let field, let why) = error { (label, reason) = (field, why) }
        } else {
            return nil
        }
    }

    /// The error as the page shows it, beside the field `ids` gives for its label, or `fallback`.
    package func error(_ ids: [String: String] = [:], fallback: String? = nil) -> FormError {
        FormError(message, field: label.flatMap { ids[$0] } ?? fallback, reason: reason)
    }

    /// The typed value of `name` when `section` was refused, else `stored`.
    package func value(_ section: String, _ name: String, _ stored: String) -> String {
        self.section == section ? values[name] ?? stored : stored
    }
}

/// "Administration des téléservices": the categories the agent manages, with their teleservices and
/// whether each is online; a teleservice is created in its category; administrators also create categories.
package struct ManagementHomeView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let error: FormError?
    package let categories: [Category]
    package let hasCategories: Bool
    package let isAdministrator: Bool
    package let newCategory: FormField

    package init(
        menu: BackOfficeMenu, csrfToken: String, error: FormError?, categories: [Category], hasCategories: Bool,
        isAdministrator: Bool, newCategory: FormField
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.error = error
        self.categories = categories
        self.hasCategories = hasCategories
        self.isAdministrator = isAdministrator
        self.newCategory = newCategory
    }

    package struct Category: Sendable {
        package let id: Int64
        package let name: String
        package let rightsPath: String
        package let createPath: String
        package let formID: String
        package let teleservices: [Row]
        package let hasTeleservices: Bool
        package let nameField: FormField
        package let requiresAccount: Bool
        /// « Renommer la catégorie » (administrators; issue 20, item 5).
        package var canRename = false
        package var renamePath = ""
        package var renameField: FormField?
        /// Whether the teleservices may move to another category (the agent manages another one).
        package var canMove = false

        package init(
            id: Int64, name: String, rightsPath: String, createPath: String, formID: String, teleservices: [Row],
            hasTeleservices: Bool, nameField: FormField, requiresAccount: Bool
        ) {
            self.id = id
            self.name = name
            self.rightsPath = rightsPath
            self.createPath = createPath
            self.formID = formID
            self.teleservices = teleservices
            self.hasTeleservices = hasTeleservices
            self.nameField = nameField
            self.requiresAccount = requiresAccount
        }
    }

    package struct Row: Sendable {
        package let name: String
        package let path: String
        package let state: Badge
        package let account: String
        /// « Déplacer vers » another category the agent manages (the seed's « + / − »).
        package var movePath = ""
        package var moveID = ""
        package var moveOptions: [SelectOption] = []

        package init(name: String, path: String, state: Badge, account: String) {
            self.name = name
            self.path = path
            self.state = state
            self.account = account
        }
    }

    package static func page(
        signedIn: SignedInAgent, management: RequestCatalogService.ManagedCatalog, failure: ManagementFailure?
    ) -> Page<ManagementHomeView> {
        let error = failure.map { $0.error(fallback: "\($0.section)-nom") }
        let managed = management.categories.map(\.category)
        let categories = management.categories.map { category, teleservices in
            let id = category.id ?? 0
            let formID = "nouveau-teleservice-\(id)"
            let failed = failure?.section == formID
            var view = Category(
                id: id, name: category.name, rightsPath: "\(RequestManagement.root)/categories/\(id)/droits",
                createPath: "\(RequestManagement.root)/categories/\(id)/teleservices", formID: formID,
                teleservices: teleservices.map { teleservice in
                    let teleserviceID = teleservice.id ?? 0
                    var row = Row(
                        name: teleservice.name,
                        path: "\(RequestManagement.root)/teleservices/\(teleserviceID)",
                        state: Badge.online(teleservice.online),
                        account: teleservice.requiresAccount ? "Obligatoire" : "Facultatif")
                    row.movePath = "\(RequestManagement.root)/teleservices/\(teleserviceID)/categorie"
                    row.moveID = "deplacer-\(teleserviceID)"
                    row.moveOptions = managed.map {
                        SelectOption(value: String($0.id ?? 0), label: $0.name, selected: $0.id == category.id)
                    }
                    return row
                },
                hasTeleservices: !teleservices.isEmpty,
                nameField: FormField(
                    id: "\(formID)-nom", name: "nom", label: "Nom du téléservice",
                    value: failed ? failure?.values["nom"] ?? "" : "", required: true,
                    hint: "Créé hors ligne : configurez-le, puis mettez-le en ligne.", error: error?.on("\(formID)-nom")
                ),
                requiresAccount: failed ? failure?.values["compte"] == "1" : true)
            view.canMove = managed.count > 1
            if management.isAdministrator {
                let renameID = "renommer-categorie-\(id)"
                view.canRename = true
                view.renamePath = "\(RequestManagement.root)/categories/\(id)/nom"
                view.renameField = FormField(
                    id: "\(renameID)-nom", name: "nom", label: "Nouveau nom de la catégorie",
                    value: failure?.section == renameID ? failure?.values["nom"] ?? category.name : category.name,
                    required: true, error: error?.on("\(renameID)-nom"))
            }
            return view
        }
        return RequestManagement.page(
            "management", title: "Administration des téléservices", signedIn: signedIn, trail: [],
            content: ManagementHomeView(
                menu: BackOfficeMenu(.management), csrfToken: signedIn.csrfToken, error: error,
                categories: categories, hasCategories: !categories.isEmpty,
                isAdministrator: management.isAdministrator,
                newCategory: FormField(
                    id: "nouvelle-categorie-nom", name: "nom", label: "Nom de la catégorie",
                    value: failure?.value("nouvelle-categorie", "nom", "") ?? "", required: true,
                    hint: "Par exemple « Enfance » ou « État civil » : l'organisation des services de la collectivité.",
                    error: error?.on("nouvelle-categorie-nom"))))
    }
}

/// A category's rights: every agent the manager may see with their right, changed one agent at a time.
package struct CategoryRightsView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let error: FormError?
    package let categoryName: String
    package let action: String
    package let rows: [Row]
    package let hasRows: Bool
    package let rights: [Explanation]

    package init(
        menu: BackOfficeMenu, csrfToken: String, error: FormError?, categoryName: String, action: String, rows: [Row],
        hasRows: Bool, rights: [Explanation]
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.error = error
        self.categoryName = categoryName
        self.action = action
        self.rows = rows
        self.hasRows = hasRows
        self.rights = rights
    }

    package struct Row: Sendable {
        package let id: Int64
        package let name: String
        package let login: String
        package let options: [SelectOption]
        package let isAdministrator: Bool
        package let error: String
        package let hasError: Bool

        package init(
            id: Int64, name: String, login: String, options: [SelectOption], isAdministrator: Bool, error: String,
            hasError: Bool
        ) {
            self.id = id
            self.name = name
            self.login = login
            self.options = options
            self.isAdministrator = isAdministrator
            self.error = error
            self.hasError = hasError
        }
    }

    package struct Explanation: Sendable {
        package let label: String
        package let text: String

        package init(label: String, text: String) {
            self.label = label
            self.text = text
        }
    }

    /// The form of a line.
    package struct Form: Decodable, Sendable {
        package var agent: String?
        package var droit: String?

        package init(agent: String? = nil, droit: String? = nil) {
            self.agent = agent
            self.droit = droit
        }
    }

    package static func page(
        signedIn: SignedInAgent, category: RequestCategory, rights: [RequestCatalogService.AgentRight],
        failure: ManagementFailure?
    ) -> Page<CategoryRightsView> {
        let failedAgent = failure?.values["agent"] ?? ""
        let error = failure.map { $0.error(fallback: "droit-\(failedAgent)") }
        let title = "Droits sur la catégorie « \(category.name) »"
        let rows = rights.map { line in
            let id = line.agent.id ?? 0
            let reason = error?.on("droit-\(id)")
            return Row(
                id: id, name: "\(line.agent.firstName) \(line.agent.lastName)", login: line.agent.login,
                options: SelectOption.list(
                    CategoryRight.allCases.map { ($0.rawValue, $0.label) }, selected: line.right.rawValue),
                isAdministrator: line.isAdministrator, error: reason ?? "", hasError: reason != nil)
        }
        return RequestManagement.page(
            "category-rights", title: title, signedIn: signedIn, trail: [Breadcrumb(title)],
            content: CategoryRightsView(
                menu: BackOfficeMenu(.management), csrfToken: signedIn.csrfToken, error: error,
                categoryName: category.name,
                action: "\(RequestManagement.root)/categories/\(category.id ?? 0)/droits", rows: rows,
                hasRows: !rows.isEmpty,
                rights: [
                    Explanation(
                        label: "Pas d'accès", text: "les demandes de la catégorie n'existent pas pour l'agent."),
                    Explanation(label: "Consultation", text: "voir les demandes sans les modifier."),
                    Explanation(label: "Modification", text: "instruire les demandes et les saisir au guichet."),
                    Explanation(
                        label: "Management",
                        text: "instruire, reprendre les verrous, configurer les téléservices et donner les droits "
                            + "sur la catégorie."),
                ]))
    }
}
