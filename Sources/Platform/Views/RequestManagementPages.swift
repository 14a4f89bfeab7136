import CoreModel

/// The management pages' shared pieces, under `/espace-agent/demarches/gestion`.
enum RequestManagement {
    static let root = "\(BackOffice.root)/gestion"

    static let style = "<style>.hors-ligne, .hors-ligne a { color: #a00; }</style>"

    static func page(_ title: String, _ content: String) -> String {
        BackOffice.page(title, style + "<p><a href=\"\(root)\">Administration des téléservices</a></p>\n" + content)
    }

    static func onlineLabel(_ online: Bool) -> String { online ? "En ligne" : "Hors ligne" }
}

/// A refused form of a management page: which form, the French reason, and the values typed, shown again.
struct ManagementFailure: Sendable {
    /// The section (its HTML id) whose form was refused.
    var section: String
    var message: String
    var values: [String: String]
}

/// "Administration des téléservices": the categories the agent manages, with their teleservices and
/// whether each is online; administrators also create categories.
struct ManagementHomePage {
    let csrfToken: String
    let management: RequestCatalogService.ManagedCatalog
    var failure: ManagementFailure? = nil

    func render() -> String {
        let failedSection = failure?.section ?? ""
        var content = failedSection.hasPrefix("nouveau-teleservice-") ? "" : BackOffice.error(failure?.message)
        content +=
            "<p>Pour chaque catégorie, ses téléservices et leur mise en ligne. Les téléservices marqués en rouge ne sont pas en ligne.</p>"
        if management.categories.isEmpty { content += "<p>Aucune catégorie.</p>" }
        for (category, teleservices) in management.categories {
            let id = category.id ?? 0
            let rows = teleservices.map { teleservice in
                "<tr\(teleservice.online ? "" : " class=\"hors-ligne\"")>"
                    + "<td><a href=\"\(RequestManagement.root)/teleservices/\(teleservice.id ?? 0)\">\(escapeHTML(teleservice.name))</a></td>"
                    + "<td>\(RequestManagement.onlineLabel(teleservice.online))</td></tr>"
            }.joined()
            content += """
                <section class="zone" id="categorie-\(id)"><h3>\(escapeHTML(category.name))</h3>
                <p><a href="\(RequestManagement.root)/categories/\(id)/droits">Droits des agents sur cette catégorie</a></p>
                \(rows.isEmpty ? "<p>Aucun téléservice.</p>" : "<table><tr><th>Téléservice</th><th>État</th></tr>\(rows)</table>")
                \(newTeleservice(category: id))
                </section>
                """
        }
        if management.isAdministrator {
            content += """
                <section class="zone" id="nouvelle-categorie"><h3>Nouvelle catégorie</h3>
                <form method="post" action="\(RequestManagement.root)/categories">\(BackOffice.csrf(csrfToken))
                <label>Nom de la catégorie <input name="nom" value="\(escapeHTML(failure?.values["nom"] ?? ""))"></label>
                <button type="submit">Créer la catégorie</button></form></section>
                """
        }
        return RequestManagement.page("Administration des téléservices", content)
    }

    /// The form creating a teleservice in the category, offline until its configuration is done.
    private func newTeleservice(category id: Int64) -> String {
        let failed = failure?.section == "nouveau-teleservice-\(id)"
        let name = failed ? failure?.values["nom"] ?? "" : ""
        let account = failed ? failure?.values["compte"] == "1" : true
        return """
            <form method="post" action="\(RequestManagement.root)/categories/\(id)/teleservices" id="nouveau-teleservice-\(id)">\(BackOffice.csrf(csrfToken))\(failed ? BackOffice.error(failure?.message) : "")
            <label>Nouveau téléservice <input name="nom" value="\(escapeHTML(name))"></label>
            <label><input type="checkbox" name="compte" value="1"\(account ? " checked" : "")> Compte foyer obligatoire</label>
            <button type="submit">Créer (hors ligne)</button></form>
            """
    }
}

/// A category's rights: every agent of the platform with their right, changed one agent at a time.
struct CategoryRightsPage {
    let csrfToken: String
    let category: RequestCategory
    let rights: [RequestCatalogService.AgentRight]
    var error: String? = nil

    func render() -> String {
        let action = "\(RequestManagement.root)/categories/\(category.id ?? 0)/droits"
        let choices = CategoryRight.allCases.map { ($0.rawValue, $0.label) }
        let rows = rights.map { line -> String in
            let id = line.agent.id ?? 0
            let note = line.isAdministrator ? "Administrateur des démarches : « Management » partout" : ""
            return """
                <tr id="agent-\(id)"><td>\(escapeHTML("\(line.agent.firstName) \(line.agent.lastName)"))</td><td>\(escapeHTML(line.agent.login))</td>
                <td><form method="post" action="\(action)">\(BackOffice.csrf(csrfToken))<input type="hidden" name="agent" value="\(id)"><select name="droit" aria-label="Droit">\(BackOffice.options(choices, selected: line.right.rawValue))</select> <button type="submit">Enregistrer</button></form></td><td>\(note)</td></tr>
                """
        }.joined()
        let content = """
            \(BackOffice.error(error))
            <ul>
            <li>Pas d'accès : les demandes de la catégorie n'existent pas pour l'agent ;</li>
            <li>Consultation : voir les demandes sans les modifier ;</li>
            <li>Modification : instruire les demandes ;</li>
            <li>Management : instruire, reprendre les verrous, configurer les téléservices et donner les droits sur la catégorie.</li>
            </ul>
            <table><tr><th>Agent</th><th>Identifiant</th><th>Droit</th><th></th></tr>\(rows)</table>
            """
        return RequestManagement.page("Droits sur la catégorie « \(category.name) »", content)
    }
}
