import Foundation
import X509

/// An organisation as its administrators manage it (seed 000 §2, §4, §6): its services, its encryption keys,
/// its users with their roles in the "Salle des marchés" and their rights, its coordinates. Each form is shown
/// only to an agent the administration rules allow; the others read why.
package struct OrganisationView: Sendable {
    package let name: String
    package let typeLabel: String
    package let hasParent: Bool
    package let parentName: String
    package let parentLink: String
    /// `/espace-agent/organisations/{id}`: every form posts under it.
    package let base: String
    package let csrfToken: String

    package let hasRefusal: Bool
    package let refusal: String
    /// The field (or the section) the refusal is about, for the alert's link.
    package let refusalAnchor: String
    package let refusalLinkLabel: String

    // Services
    package let services: [OrganisationNode]
    package let hasServices: Bool
    package let mayCreateServices: Bool
    package let servicesNote: String
    package let serviceName: TextInputModel
    package let serviceType: SelectInputModel
    package let typeHelp: [Help]

    // Keys
    package let keys: [KeyRow]
    package let hasKeys: Bool
    package let mayManageKeys: Bool
    package let keysNote: String
    package let keyName: TextInputModel
    package let keyKind: SelectInputModel
    package let keyCertificate: TextInputModel

    // Users
    package let agents: [AgentRow]
    package let hasAgents: Bool
    package let mayManageAgents: Bool
    package let agentsNote: String
    package let roleColumns: [String]
    package let roleRows: [MatrixRow]
    package let roleHelp: [Help]
    package let rightColumns: [String]
    package let rightRows: [MatrixRow]
    package let civility: SelectInputModel
    package let lastName: TextInputModel
    package let firstName: TextInputModel
    package let email: TextInputModel
    package let login: TextInputModel
    package let password: TextInputModel

    // Coordinates
    package let mayModify: Bool
    package let coordinatesNote: String
    package let coordinates: [TextInputModel]
    package let mayDelete: Bool

    package init(
        name: String, typeLabel: String, hasParent: Bool, parentName: String, parentLink: String, base: String,
        csrfToken: String, hasRefusal: Bool, refusal: String, refusalAnchor: String, refusalLinkLabel: String,
        services: [OrganisationNode], hasServices: Bool, mayCreateServices: Bool, servicesNote: String,
        serviceName: TextInputModel, serviceType: SelectInputModel, typeHelp: [Help], keys: [KeyRow], hasKeys: Bool,
        mayManageKeys: Bool, keysNote: String, keyName: TextInputModel, keyKind: SelectInputModel,
        keyCertificate: TextInputModel, agents: [AgentRow], hasAgents: Bool, mayManageAgents: Bool, agentsNote: String,
        roleColumns: [String], roleRows: [MatrixRow], roleHelp: [Help], rightColumns: [String], rightRows: [MatrixRow],
        civility: SelectInputModel, lastName: TextInputModel, firstName: TextInputModel, email: TextInputModel,
        login: TextInputModel, password: TextInputModel, mayModify: Bool, coordinatesNote: String,
        coordinates: [TextInputModel], mayDelete: Bool
    ) {
        self.name = name
        self.typeLabel = typeLabel
        self.hasParent = hasParent
        self.parentName = parentName
        self.parentLink = parentLink
        self.base = base
        self.csrfToken = csrfToken
        self.hasRefusal = hasRefusal
        self.refusal = refusal
        self.refusalAnchor = refusalAnchor
        self.refusalLinkLabel = refusalLinkLabel
        self.services = services
        self.hasServices = hasServices
        self.mayCreateServices = mayCreateServices
        self.servicesNote = servicesNote
        self.serviceName = serviceName
        self.serviceType = serviceType
        self.typeHelp = typeHelp
        self.keys = keys
        self.hasKeys = hasKeys
        self.mayManageKeys = mayManageKeys
        self.keysNote = keysNote
        self.keyName = keyName
        self.keyKind = keyKind
        self.keyCertificate = keyCertificate
        self.agents = agents
        self.hasAgents = hasAgents
        self.mayManageAgents = mayManageAgents
        self.agentsNote = agentsNote
        self.roleColumns = roleColumns
        self.roleRows = roleRows
        self.roleHelp = roleHelp
        self.rightColumns = rightColumns
        self.rightRows = rightRows
        self.civility = civility
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.login = login
        self.password = password
        self.mayModify = mayModify
        self.coordinatesNote = coordinatesNote
        self.coordinates = coordinates
        self.mayDelete = mayDelete
    }

    /// A term and what it means: the roles of each organisation type (seed 000 §4.1).
    package struct Help: Sendable {
        package let term: String
        package let definition: String

        package init(term: String, definition: String) {
            self.term = term
            self.definition = definition
        }
    }

    package struct KeyRow: Sendable {
        package let name: String
        package let subject: String
        package let kindLabel: String
        package let validFrom: String
        package let validUntil: String
        package let stateLabel: String
        package let badgeClass: String
        package let deletable: Bool
        package let deletePath: String
        package let origin: String

        package init(
            name: String, subject: String, kindLabel: String, validFrom: String, validUntil: String, stateLabel: String,
            badgeClass: String, deletable: Bool, deletePath: String, origin: String
        ) {
            self.name = name
            self.subject = subject
            self.kindLabel = kindLabel
            self.validFrom = validFrom
            self.validUntil = validUntil
            self.stateLabel = stateLabel
            self.badgeClass = badgeClass
            self.deletable = deletable
            self.deletePath = deletePath
            self.origin = origin
        }
    }

    package struct AgentRow: Sendable {
        package let fullName: String
        package let login: String
        package let email: String
        package let roles: String
        package let rights: String
        package let deletable: Bool
        package let deletePath: String

        package init(
            fullName: String, login: String, email: String, roles: String, rights: String, deletable: Bool,
            deletePath: String
        ) {
            self.fullName = fullName
            self.login = login
            self.email = email
            self.roles = roles
            self.rights = rights
            self.deletable = deletable
            self.deletePath = deletePath
        }
    }

    /// One agent's line of a checkbox matrix (roles, rights).
    package struct MatrixRow: Sendable {
        package let agentID: Int64
        package let fullName: String
        package let login: String
        package let cells: [Cell]

        package init(agentID: Int64, fullName: String, login: String, cells: [Cell]) {
            self.agentID = agentID
            self.fullName = fullName
            self.login = login
            self.cells = cells
        }
    }

    package struct Cell: Sendable {
        package let name: String
        package let value: String
        package let checked: Bool
        package let disabled: Bool
        /// "PCAO : jdulac": the checkbox's accessible name.
        package let label: String

        package init(name: String, value: String, checked: Bool, disabled: Bool, label: String) {
            self.name = name
            self.value = value
            self.checked = checked
            self.disabled = disabled
            self.label = label
        }
    }

    /// Which form a refusal comes from, with what was typed in it, to show it again.
    package enum Submitted: Sendable {
        case coordinates(OrganisationPagesController.CoordinatesForm)
        case service(OrganisationPagesController.ServiceForm)
        case agent(OrganisationPagesController.AgentForm)
        case key(OrganisationPagesController.KeyForm)
        case roles, rights, agentDeletion, keyDeletion, deletion
    }

    /// A refused form: the error and what the form held.
    package struct Refusal: Sendable {
        package let error: FormRefusal
        package let submitted: Submitted

        package init(error: FormRefusal, submitted: Submitted) {
            self.error = error
            self.submitted = submitted
        }
    }

    package static func page(
        signedIn: SignedInAgent, path: OrganisationPath, tree: OrganisationTree, agents: [(Agent, AgentAuthority)],
        keys listing: EncryptionKeyService.Listing, refusal: Refusal?, now: Int64 = Timestamp.now()
    ) -> Page<OrganisationView> {
        let organisation = path.target
        let id = organisation.id ?? 0
        let base = "/espace-agent/organisations/\(id)"
        let actor = signedIn.authority
        let policy = AdministrationPolicy(actor: actor)
        let parent = path.organisations.count > 1 ? path.organisations[path.organisations.count - 2] : nil
        let error = refusal?.error
        func fieldError(_ names: Set<String>, when matches: Bool) -> String? {
            matches ? error?.error(for: names) : nil
        }

        // Services: the organisation's subtree, and the form of a new one.
        let subtree = Self.subtree(of: id, in: tree) ?? OrganisationTree(organisation: organisation, services: [])
        let services = subtree.services.map { service in
            OrganisationNode(service) { "/espace-agent/organisations/\($0.id ?? 0)" }
        }
        var serviceForm = OrganisationPagesController.ServiceForm()
        if case .service(let form) = refusal?.submitted { serviceForm = form }
        let subEntities = Self.reason { () throws(DomainError) in try policy.checkManageSubEntities(under: path) }

        // Keys: the organisation's own, then those it inherits.
        let names = Dictionary(path.organisations.map { ($0.id ?? 0, $0.name) }) { first, _ in first }
        let keyRows = (listing.own + listing.inherited).map { key in
            Self.keyRow(
                key, own: key.organisationID == id, origin: names[key.organisationID] ?? "", base: base, now: now)
        }
        var keyForm = OrganisationPagesController.KeyForm()
        var keyRefused = false
        if case .key(let form) = refusal?.submitted {
            keyForm = form
            keyRefused = true
        }
        let keyRights = Self.reason { () throws(DomainError) in try policy.checkManageKeys(of: path) }

        // Users: the table, the roles and rights matrices, the form of a new user.
        let manage = Self.reason { () throws(DomainError) in try policy.checkManageAgents(in: path) }
        let roles = ProcurementRole.available(in: organisation.type)
        let rows = agents.map { agent, authority in
            AgentRow(
                fullName: "\(agent.civility.rawValue) \(agent.firstName) \(agent.lastName)", login: agent.login,
                email: agent.email,
                roles: roles.filter { authority.roles[id]?.contains($0) == true }.map(\.label).joined(separator: ", "),
                rights: AdministrationRight.allCases.filter(authority.administrationRights.contains).map(\.label)
                    .joined(separator: ", "),
                deletable: manage == nil && agent.id != signedIn.agent.id,
                deletePath: "\(base)/agents/\(agent.id ?? 0)/suppression")
        }
        let roleRows = agents.map { agent, authority in
            MatrixRow(
                agentID: agent.id ?? 0, fullName: "\(agent.firstName) \(agent.lastName)", login: agent.login,
                cells: roles.map { role in
                    Cell(
                        name: "role-\(agent.id ?? 0)", value: role.rawValue,
                        checked: authority.roles[id]?.contains(role) == true,
                        disabled: !policy.mayGrant(role, in: path),
                        label: "\(role.label) : \(agent.login)")
                })
        }
        let rightRows = agents.map { agent, authority in
            let administration = AdministrationRight.allCases.map { right in
                Cell(
                    name: "admin-\(agent.id ?? 0)", value: right.rawValue,
                    checked: authority.administrationRights.contains(right),
                    disabled: !actor.administrationRights.contains(right), label: "\(right.label) : \(agent.login)")
            }
            let management = ManagementRight.allCases.map { right in
                Cell(
                    name: "gestion-\(agent.id ?? 0)", value: right.rawValue,
                    checked: authority.managementRights.contains(right),
                    disabled: !actor.managementRights.contains(right), label: "\(right.label) : \(agent.login)")
            }
            return MatrixRow(
                agentID: agent.id ?? 0, fullName: "\(agent.firstName) \(agent.lastName)", login: agent.login,
                cells: administration + management)
        }
        var agentForm = OrganisationPagesController.AgentForm()
        var agentRefused = false
        if case .agent(let form) = refusal?.submitted {
            agentForm = form
            agentRefused = true
        }

        // Coordinates.
        var coordinates = OrganisationPagesController.CoordinatesForm(
            name: organisation.name, address: organisation.address, phone: organisation.phone, fax: organisation.fax)
        var coordinatesRefused = false
        if case .coordinates(let form) = refusal?.submitted {
            coordinates = form
            coordinatesRefused = true
        }
        let modify = Self.reason { () throws(DomainError) in try policy.checkModify(path) }
        var mayDelete = false
        if parent != nil, actor.relation(to: path) == .subEntity {
            let above = OrganisationPath(organisations: Array(path.organisations.dropLast()))
            mayDelete = Self.reason { () throws(DomainError) in try policy.checkManageSubEntities(under: above) } == nil
        }

        let anchor = refusal.map { Self.anchor(of: $0) } ?? (id: "", isField: false)
        let content = OrganisationView(
            name: organisation.name, typeLabel: organisation.type.label, hasParent: parent != nil,
            parentName: parent?.name ?? "", parentLink: "/espace-agent/organisations/\(parent?.id ?? 0)", base: base,
            csrfToken: signedIn.csrfToken,
            hasRefusal: refusal != nil, refusal: error?.message ?? "",
            refusalAnchor: anchor.id,
            refusalLinkLabel: anchor.isField ? "Corriger le champ concerné" : "Aller au formulaire concerné",
            services: services, hasServices: !services.isEmpty, mayCreateServices: subEntities == nil,
            servicesNote: subEntities ?? "",
            serviceName: TextInputModel(
                id: "service-nom", name: "name", label: "Nom de la collectivité", value: serviceForm.name ?? "",
                required: true, hint: "255 caractères au plus.",
                error: fieldError(["nom"], when: Self.isService(refusal)),
                maxLength: Organisation.maximumNameLength),
            serviceType: SelectInputModel(
                id: "service-type", name: "type", label: "Type d'organisation",
                options: [("", "Choisissez un type")] + OrganisationType.allCases.map { ($0.rawValue, $0.label) },
                selected: serviceForm.type ?? "",
                required: true,
                hint: "Définitif : il fixe les rôles que ses agents pourront tenir (voir « Rôles par type »).",
                error: fieldError(["type d'organisation"], when: Self.isService(refusal))),
            typeHelp: OrganisationType.allCases.map { Help(term: $0.label, definition: Self.rolesText($0)) },
            keys: keyRows, hasKeys: !keyRows.isEmpty, mayManageKeys: keyRights == nil, keysNote: keyRights ?? "",
            keyName: TextInputModel(
                id: "cle-nom", name: "name", label: "Nom de la clé", value: keyForm.name ?? "",
                hint: "Facultatif : le nom commun (CN) du certificat par défaut. 255 caractères au plus.",
                error: fieldError(["nom"], when: keyRefused), maxLength: 255),
            keyKind: SelectInputModel(
                id: "cle-type", name: "kind", label: "Type de bi-clé",
                options: EncryptionKey.Kind.allCases.map { ($0.rawValue, $0.label) },
                selected: keyForm.kind ?? EncryptionKey.Kind.personal.rawValue,
                hint: "La bi-clé de secours est conservée au coffre : elle permet d'ouvrir les plis si la clé "
                    + "personnelle est perdue."),
            keyCertificate: TextInputModel(
                id: "cle-certificat", name: "certificate", label: "Certificat de la bi-clé (PEM)",
                value: keyForm.certificate ?? "", required: true,
                hint: "Collez le certificat exporté par l'assistant Sceau, de « -----BEGIN CERTIFICATE----- » à "
                    + "« -----END CERTIFICATE----- ». La clé privée reste sur la carte ou la clé USB de l'agent.",
                error: fieldError(["certificat"], when: keyRefused)),
            agents: rows, hasAgents: !rows.isEmpty, mayManageAgents: manage == nil, agentsNote: manage ?? "",
            roleColumns: roles.map(\.label), roleRows: roleRows,
            roleHelp: roles.map { Help(term: $0.label, definition: Self.roleText($0, in: organisation.type)) },
            rightColumns: AdministrationRight.allCases.map(\.label) + ManagementRight.allCases.map(\.label),
            rightRows: rightRows,
            civility: SelectInputModel(
                id: "civilite", name: "civility", label: "Civilité",
                options: Civility.allCases.map { ($0.rawValue, $0.rawValue) }, selected: agentForm.civility,
                required: true, error: fieldError(["civilité"], when: agentRefused)),
            lastName: TextInputModel(
                id: "agent-nom", name: "lastName", label: "Nom", value: agentForm.lastName ?? "", required: true,
                error: fieldError(["nom"], when: agentRefused), autocomplete: "off"),
            firstName: TextInputModel(
                id: "agent-prenom", name: "firstName", label: "Prénom", value: agentForm.firstName ?? "",
                required: true, error: fieldError(["prénom"], when: agentRefused), autocomplete: "off"),
            email: TextInputModel(
                id: "agent-email", name: "email", label: "E-mail", type: "email", value: agentForm.email ?? "",
                required: true, hint: "Unique sur la plateforme ; l'agent y reçoit ses alertes.",
                error: fieldError(["e-mail"], when: agentRefused), autocomplete: "off"),
            login: TextInputModel(
                id: "agent-login", name: "login", label: "Identifiant", value: agentForm.login ?? "", required: true,
                hint: "De 3 à 64 caractères : lettres sans accent, chiffres, point, tiret, tiret bas ou @.",
                error: fieldError(["identifiant"], when: agentRefused), autocomplete: "off"),
            password: TextInputModel(
                id: "agent-password", name: "password", label: "Mot de passe", type: "password", required: true,
                hint: "De \(PasswordPolicy.lengths.lowerBound) à \(PasswordPolicy.lengths.upperBound) caractères. "
                    + "Transmettez-le à l'agent par un moyen sûr.",
                error: fieldError(["mot de passe"], when: agentRefused), autocomplete: "new-password"),
            mayModify: modify == nil, coordinatesNote: modify ?? "",
            coordinates: [
                TextInputModel(
                    id: "nom", name: "name", label: "Nom", value: coordinates.name ?? "", required: true,
                    hint: "255 caractères au plus.", error: fieldError(["nom"], when: coordinatesRefused),
                    maxLength: Organisation.maximumNameLength),
                TextInputModel(
                    id: "adresse", name: "address", label: "Adresse", value: coordinates.address ?? "",
                    autocomplete: "street-address"),
                TextInputModel(
                    id: "telephone", name: "phone", label: "Téléphone", type: "tel", value: coordinates.phone ?? "",
                    autocomplete: "tel"),
                TextInputModel(id: "fax", name: "fax", label: "Fax", type: "tel", value: coordinates.fax ?? ""),
            ],
            mayDelete: mayDelete)
        var breadcrumbs = [Breadcrumb("Espace agent", "/espace-agent")]
        breadcrumbs += path.organisations.dropLast().map {
            Breadcrumb($0.name, "/espace-agent/organisations/\($0.id ?? 0)")
        }
        breadcrumbs.append(Breadcrumb(organisation.name))
        return Page(
            "administration/organisation", title: organisation.name, audience: .agent, section: .agentSpace,
            breadcrumbs: breadcrumbs, user: signedIn.banner, scripts: ["/static/bi-cle.js"], content: content)
    }

    /// The reason a rule refuses, or `nil` when it allows.
    private static func reason(_ check: () throws(DomainError) -> Void) -> String? {
        do {
            try check()
            return nil
        } catch {
            return error.description
        }
    }

    private static func isService(_ refusal: Refusal?) -> Bool {
        if case .service = refusal?.submitted { return true }
        return false
    }

    /// Where the refusal's link leads: the field it names, or the section of its form.
    private static func anchor(of refusal: Refusal) -> (id: String, isField: Bool) {
        let id = sectionOrField(of: refusal)
        let sections = ["coordonnees", "services", "cles", "creer-utilisateur", "roles", "droits", "utilisateurs"]
        return (id, !sections.contains(id))
    }

    private static func sectionOrField(of refusal: Refusal) -> String {
        let field = refusal.error.field
        switch refusal.submitted {
        case .coordinates: return field == "nom" ? "nom" : "coordonnees"
        case .service:
            return field == "nom" ? "service-nom" : field == "type d'organisation" ? "service-type" : "services"
        case .key: return field == "nom" ? "cle-nom" : field == "certificat" ? "cle-certificat" : "cles"
        case .keyDeletion: return "cles"
        case .agent:
            let ids = [
                "civilité": "civilite", "nom": "agent-nom", "prénom": "agent-prenom", "e-mail": "agent-email",
                "identifiant": "agent-login", "mot de passe": "agent-password",
            ]
            return field.flatMap { ids[$0] } ?? "creer-utilisateur"
        case .roles: return "roles"
        case .rights: return "droits"
        case .agentDeletion: return "utilisateurs"
        case .deletion: return "coordonnees"
        }
    }

    private static func subtree(of id: Int64, in tree: OrganisationTree) -> OrganisationTree? {
        if tree.organisation.id == id { return tree }
        for service in tree.services {
            if let found = subtree(of: id, in: service) { return found }
        }
        return nil
    }

    private static func keyRow(_ key: EncryptionKey, own: Bool, origin: String, base: String, now: Int64) -> KeyRow {
        let notBefore = (try? Certificate(pemEncoded: key.certificatePEM)).map {
            Int64($0.notValidBefore.timeIntervalSince1970)
        }
        let state: (String, String) =
            if key.notAfter <= now {
                ("Expirée", "badge--danger")
            } else if key.notAfter - now < 30 * 86_400 {
                ("Expire bientôt", "badge--warning")
            } else if let notBefore, notBefore > now {
                ("Pas encore valable", "badge--warning")
            } else {
                ("Valide", "badge--success")
            }
        return KeyRow(
            name: key.name, subject: key.subjectCommonName, kindLabel: key.kind.label,
            validFrom: notBefore.map(ParisTime.format) ?? "—", validUntil: ParisTime.format(key.notAfter),
            stateLabel: state.0, badgeClass: state.1, deletable: own,
            deletePath: "\(base)/keys/\(key.id ?? 0)/suppression", origin: own ? "" : origin)
    }

    /// The roles an organisation type offers, in one sentence (seed 000 §4.1).
    private static func rolesText(_ type: OrganisationType) -> String {
        let labels = ProcurementRole.available(in: type).map(\.label)
        return labels.count == 1
            ? "un rôle unique, « \(labels[0]) », qui réalise les consultations de bout en bout."
            : "rôles " + labels.map { "« \($0) »" }.joined(separator: ", ") + "."
    }

    /// What a role may do in an organisation of this type (seed 000 §4.1).
    private static func roleText(_ role: ProcurementRole, in type: OrganisationType) -> String {
        switch (role, type) {
        case (.buyerAssistant, _): "gère les documents de la consultation et peut consulter les registres."
        case (.buyer, .large):
            "élabore la consultation et la gère ; la validation et l'ouverture des plis reviennent "
                + "au PCAO et à la PRM."
        case (.buyer, _): "a tous les droits sur les consultations, sauf celui d'ouvrir les plis."
        case (.tenderBoardChair, .large):
            "supervise le déroulement des consultations : décide de l'ouverture et de la fermeture de la salle "
                + "et ouvre les plis."
        case (.tenderBoardChair, _): "le président de CAO a le droit d'ouvrir les plis."
        case (.contractingAuthority, _): "a tous les droits sur les consultations."
        case (.contractingAuthorityAndChair, _):
            "la PRM peut présider la CAO : elle a tous les droits, notamment celui d'ouvrir les plis."
        case (.singleActor, _): "réalise les consultations de bout en bout."
        }
    }
}
