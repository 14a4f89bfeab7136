import PlatformKernel

/// "Rechercher un compte foyer": the criteria and filters in a form, the accounts in a sortable table.
package struct HouseholdSearchView: Sendable {
    package let menu: BackOfficeMenu
    package let error: FormError?
    package let fields: [FormField]
    package let responsibleOnly: Bool
    package let rows: [Row]
    package let hasRows: Bool
    package let resultTitle: String

    package init(
        menu: BackOfficeMenu, error: FormError?, fields: [FormField], responsibleOnly: Bool, rows: [Row], hasRows: Bool,
        resultTitle: String
    ) {
        self.menu = menu
        self.error = error
        self.fields = fields
        self.responsibleOnly = responsibleOnly
        self.rows = rows
        self.hasRows = hasRows
        self.resultTitle = resultTitle
    }

    package struct Row: Sendable {
        package let number: String
        package let path: String
        package let responsible: String
        package let members: Int
        package let email: String
        package let state: Badge
        package let status: Badge

        package init(
            number: String, path: String, responsible: String, members: Int, email: String, state: Badge, status: Badge
        ) {
            self.number = number
            self.path = path
            self.responsible = responsible
            self.members = members
            self.email = email
            self.state = state
            self.status = status
        }
    }

    /// The search form's fields.
    package struct Query: Decodable, Sendable {
        package var nom: String?
        package var numero: String?
        package var responsable: String?
        package var etat: String?
        package var statut: String?
        package var tri: String?

        package init(
            nom: String? = nil, numero: String? = nil, responsable: String? = nil, etat: String? = nil,
            statut: String? = nil, tri: String? = nil
        ) {
            self.nom = nom
            self.numero = numero
            self.responsable = responsable
            self.etat = etat
            self.statut = statut
            self.tri = tri
        }
    }

    package static func page(signedIn: SignedInAgent, query: Query, households: [Household], error: FormError?)
        -> Page<HouseholdSearchView>
    {
        func select(_ id: String, _ label: String, _ pairs: [(String, String)], _ value: String?, all: String? = "Tous")
            -> FormField
        {
            FormField(
                id: id, name: id, label: label,
                control: .select(SelectOption.list(pairs, selected: value, placeholder: all)), error: error?.on(id))
        }
        let fields = [
            FormField(
                id: "nom", name: "nom", label: "Nom ou prénom de l'usager", value: query.nom ?? "",
                hint: "Une partie du nom suffit, sans tenir compte des accents.", error: error?.on("nom")),
            FormField(
                id: "numero", name: "numero", label: "N° du compte foyer", value: query.numero ?? "",
                control: .input(type: "text"), error: error?.on("numero")),
            select("etat", "État du compte", Household.State.allCases.map { ($0.rawValue, $0.label) }, query.etat),
            select(
                "statut", "Statut du compte", Household.Status.allCases.map { ($0.rawValue, $0.label) }, query.statut),
            select(
                "tri", "Trier par", [("numero", "N° du compte"), ("nom", "Nom du responsable")], query.tri, all: nil),
        ]
        let rows = households.map { household in
            let id = household.id ?? 0
            return Row(
                number: String(id), path: "\(HouseholdPages.root)/\(id)",
                responsible: household.responsible?.fullName ?? "", members: household.members.count,
                email: household.email, state: Badge.household(household.state),
                status: Badge.household(household.status))
        }
        let count = rows.count
        return BackOffice.page(
            "household-search", title: "Rechercher un compte foyer", signedIn: signedIn,
            trail: [Breadcrumb("Comptes foyer")],
            content: HouseholdSearchView(
                menu: BackOfficeMenu(.households), error: error, fields: fields,
                responsibleOnly: query.responsable == "1", rows: rows, hasRows: count > 0,
                resultTitle: error != nil
                    ? "Recherche impossible"
                    : count == 0 ? "Aucun compte foyer" : count == 1 ? "1 compte foyer" : "\(count) comptes foyer"))
    }
}

/// "Gestion d'un compte foyer": its data, state and processing, and information (requests, documents,
/// history).
package struct HouseholdView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let number: String
    package let path: String
    package let error: FormError?
    package let email: String
    package let address: String
    package let members: [Member]
    package let state: Badge
    package let status: Badge
    package let editable: Bool
    package let stateField: FormField
    package let statusField: FormField
    package let rows: [RequestRow]
    package let hasRows: Bool
    package let tableLabel: String
    package let paginated: Bool
    package let documents: [Document]
    package let hasDocuments: Bool
    package let history: [Event]
    package let hasHistory: Bool

    package init(
        menu: BackOfficeMenu, csrfToken: String, number: String, path: String, error: FormError?, email: String,
        address: String, members: [Member], state: Badge, status: Badge, editable: Bool, stateField: FormField,
        statusField: FormField, rows: [RequestRow], hasRows: Bool, tableLabel: String, paginated: Bool,
        documents: [Document], hasDocuments: Bool, history: [Event], hasHistory: Bool
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.number = number
        self.path = path
        self.error = error
        self.email = email
        self.address = address
        self.members = members
        self.state = state
        self.status = status
        self.editable = editable
        self.stateField = stateField
        self.statusField = statusField
        self.rows = rows
        self.hasRows = hasRows
        self.tableLabel = tableLabel
        self.paginated = paginated
        self.documents = documents
        self.hasDocuments = hasDocuments
        self.history = history
        self.hasHistory = hasHistory
    }

    package struct Member: Sendable {
        package let role: String
        package let civility: String
        package let lastName: String
        package let firstName: String
        package let birthDate: String

        package init(role: String, civility: String, lastName: String, firstName: String, birthDate: String) {
            self.role = role
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.birthDate = birthDate
        }
    }

    package struct Document: Sendable {
        package let kind: String
        package let fileName: String
        package let addedAt: String

        package init(kind: String, fileName: String, addedAt: String) {
            self.kind = kind
            self.fileName = fileName
            self.addedAt = addedAt
        }
    }

    package struct Event: Sendable {
        package let at: String
        package let author: String
        package let action: String

        package init(at: String, author: String, action: String) {
            self.at = at
            self.author = author
            self.action = action
        }
    }

    /// The state form's fields.
    package struct StateForm: Decodable, Sendable {
        package var etat: String?
        package var statut: String?

        package init(etat: String? = nil, statut: String? = nil) {
            self.etat = etat
            self.statut = statut
        }
    }

    package static func page(
        signedIn: SignedInAgent, detail: HouseholdService.Detail, requests: [CitizenRequestService.Summary],
        names: [Int64: String], form: StateForm?, error: FormError?
    ) -> Page<HouseholdView> {
        let household = detail.household
        let id = household.id ?? 0
        let title = "Compte foyer n° \(id)"
        func author(_ actor: JournalActor) -> String {
            switch actor {
            case .system: "Usager ou système"
            case .agent(let id): names[id] ?? "agent n° \(id)"
            case .company(let id): "entreprise n° \(id)"
            }
        }
        return BackOffice.page(
            "household", title: title, signedIn: signedIn,
            trail: [Breadcrumb("Comptes foyer", HouseholdPages.root), Breadcrumb(title)],
            content: HouseholdView(
                menu: BackOfficeMenu(nil), csrfToken: signedIn.csrfToken, number: String(id),
                path: "\(HouseholdPages.root)/\(id)", error: error, email: household.email, address: household.address,
                members: household.members.map { member in
                    Member(
                        role: HouseholdPages.roleLabel(member.role), civility: member.civility.rawValue,
                        lastName: member.lastName, firstName: member.firstName,
                        birthDate: member.birthDate?.french ?? "")
                },
                state: Badge.household(household.state), status: Badge.household(household.status),
                editable: detail.editable,
                stateField: FormField(
                    id: "etat", name: "etat", label: "État du compte",
                    control: .select(
                        SelectOption.list(
                            Household.State.allCases.map { ($0.rawValue, $0.label) },
                            selected: form?.etat ?? household.state.rawValue,
                            placeholder: form == nil ? nil : "— choisir —")),
                    required: true, hint: "« En cours » : création ou modification du compte à valider.",
                    error: error?.on("etat")),
                statusField: FormField(
                    id: "statut", name: "statut", label: "Statut du compte",
                    control: .select(
                        SelectOption.list(
                            Household.Status.allCases.map { ($0.rawValue, $0.label) },
                            selected: form?.statut ?? household.status.rawValue,
                            placeholder: form == nil ? nil : "— choisir —")),
                    required: true, hint: "Un compte « Inactif » est bloqué : l'usager ne peut plus s'y connecter.",
                    error: error?.on("statut")),
                rows: requests.map(RequestRow.init), hasRows: !requests.isEmpty,
                tableLabel: "Demandes du foyer", paginated: requests.count > 25,
                documents: detail.documents.map {
                    Document(kind: $0.kind, fileName: $0.fileName, addedAt: ParisTime.format($0.createdAt))
                },
                hasDocuments: !detail.documents.isEmpty,
                history: detail.history.map { entry in
                    Event(
                        at: ParisTime.format(entry.time), author: author(entry.event.actor),
                        action: HouseholdPages.describe(entry.event))
                },
                hasHistory: !detail.history.isEmpty))
    }
}

/// Shared pieces of the household pages.
package enum HouseholdPages {
    package static let root = BackOffice.root + "/foyers"

    package static func roleLabel(_ role: HouseholdMember.Role) -> String {
        switch role {
        case .responsible: "Responsable du foyer"
        case .adult: "Adulte"
        case .child: "Enfant"
        }
    }

    /// A journal event about a household, in French.
    package static func describe(_ event: JournalEvent) -> String {
        switch event.action {
        case .householdCreated: return "Compte créé"
        case .householdStateChanged:
            let state = event.details["state"].flatMap(Household.State.init(rawValue:))?.label ?? "?"
            let status = event.details["status"].flatMap(Household.Status.init(rawValue:))?.label ?? "?"
            return "État « \(state) », statut « \(status) »"
        case .householdMemberChanged:
            return event.details["change"] == "added" ? "Membre ajouté" : "Membre modifié"
        case .householdPasswordReset: return "Mot de passe réinitialisé"
        case .householdAccountChanged:
            let changed = [
                event.details["email"] == "true" ? "adresse e-mail" : nil,
                event.details["password"] == "true" ? "mot de passe" : nil,
            ].compactMap { $0 }
            return "Compte modifié par l'usager : " + changed.joined(separator: " et ")
        case .householdDocumentAddedAtCounter:
            return "Pièce « \(event.details["kind"] ?? "?") » déposée au guichet : \(event.details["file"] ?? "?")"
        default: return event.action.rawValue
        }
    }
}
