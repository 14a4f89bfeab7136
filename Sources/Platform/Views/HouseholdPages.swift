import CoreModel

/// "Rechercher un compte foyer": the search form and its results.
struct HouseholdSearchPage {
    let query: [String: String]
    let households: [Household]

    func render() -> String {
        func text(_ name: String, _ label: String) -> String {
            "<label>\(label) <input name=\"\(name)\" value=\"\(escapeHTML(query[name] ?? ""))\"></label>"
        }
        func select(_ name: String, _ label: String, _ pairs: [(String, String)]) -> String {
            "<label>\(label) <select name=\"\(name)\"><option value=\"\">Tous</option>"
                + BackOffice.options(pairs, selected: query[name]) + "</select></label>"
        }
        let form = """
            <form method="get" action="\(HouseholdPages.root)" id="recherche-foyers">
            \(text("nom", "Nom ou prénom de l'usager")) \(text("numero", "N° du compte foyer"))
            <label><input type="checkbox" name="responsable" value="1"\(query["responsable"] == "1" ? " checked" : "")> Responsable de compte seulement</label>
            \(select("etat", "État du compte", Household.State.allCases.map { ($0.rawValue, $0.label) }))
            \(select("statut", "Statut du compte", Household.Status.allCases.map { ($0.rawValue, $0.label) }))
            \(select("tri", "Trier par", [("numero", "N° du compte"), ("nom", "Nom du responsable")]))
            <button type="submit">Rechercher</button>
            </form>
            """
        return BackOffice.page("Rechercher un compte foyer", form + HouseholdPages.table(households))
    }
}

/// "Gestion d'un compte foyer": data, processing and information zones.
struct HouseholdPage {
    let csrfToken: String
    let detail: HouseholdService.Detail
    let requests: [CitizenRequestService.Summary]
    let agentNames: [Int64: String]
    let error: String?

    func render() -> String {
        let household = detail.household
        let members = household.members.map { member in
            "<tr><td>\(escapeHTML(HouseholdPages.roleLabel(member.role)))</td><td>\(escapeHTML(member.civility.rawValue))</td>"
                + "<td>\(escapeHTML(member.lastName))</td><td>\(escapeHTML(member.firstName))</td>"
                + "<td>\(escapeHTML(member.birthDate?.french ?? ""))</td></tr>"
        }.joined()
        let data = """
            <section class="zone" id="donnees"><h3>Données du compte</h3>
            <p>E-mail : \(escapeHTML(household.email))<br>Adresse : \(escapeHTML(household.address))</p>
            <table><tr><th>Rôle</th><th>Civilité</th><th>Nom</th><th>Prénom</th><th>Né(e) le</th></tr>\(members)</table>
            </section>
            """
        var processing =
            "<p>État du compte : <strong id=\"etat-compte\">\(escapeHTML(household.state.label))</strong> · "
            + "Statut : <strong id=\"statut-compte\">\(escapeHTML(household.status.label))</strong></p>"
        if detail.editable {
            let id = household.id ?? 0
            processing += """
                <form method="post" action="\(HouseholdPages.root)/\(id)/etat">\(BackOffice.csrf(csrfToken))
                <label>État <select name="etat">\(BackOffice.options(Household.State.allCases.map { ($0.rawValue, $0.label) }, selected: household.state.rawValue))</select></label>
                <label>Statut <select name="statut">\(BackOffice.options(Household.Status.allCases.map { ($0.rawValue, $0.label) }, selected: household.status.rawValue))</select></label>
                <button type="submit">Enregistrer</button>
                </form>
                <p>Un compte « Inactif » est bloqué : l'usager ne peut plus s'y connecter.</p>
                <p><a href="\(HouseholdPages.root)/\(id)/demande" id="creer-demande">Créer une demande pour ce foyer</a> (au guichet ou au téléphone)</p>
                """
        }
        let documents =
            detail.documents.isEmpty
            ? "<p>Aucun document.</p>"
            : "<ul>"
                + detail.documents.map {
                    "<li>\(escapeHTML($0.kind)) — \(escapeHTML($0.fileName)) (\(ParisTime.format($0.createdAt)))</li>"
                }.joined() + "</ul>"
        let history = detail.history.map { entry in
            "<tr><td>\(ParisTime.format(entry.time))</td><td>\(escapeHTML(author(entry.event.actor)))</td>"
                + "<td>\(escapeHTML(HouseholdPages.describe(entry.event)))</td></tr>"
        }.joined()
        let content = """
            \(BackOffice.error(error))
            \(data)
            <section class="zone" id="traitement"><h3>État et traitement</h3>\(processing)</section>
            <section class="zone" id="informations"><h3>Informations</h3>
            <h4>Demandes du foyer</h4>\(BackOffice.table(requests))
            <h4>Documents du foyer</h4>\(documents)
            <h4>Historique</h4><table><tr><th>Date</th><th>Auteur</th><th>Action</th></tr>\(history)</table>
            </section>
            """
        return BackOffice.page("Compte foyer n° \(household.id ?? 0)", content)
    }

    private func author(_ actor: JournalActor) -> String {
        switch actor {
        case .system: "Usager ou système"
        case .agent(let id): agentNames[id] ?? "agent n° \(id)"
        case .company(let id): "entreprise n° \(id)"
        }
    }
}

/// Shared pieces of the household pages.
enum HouseholdPages {
    static let root = BackOffice.root + "/foyers"

    static func table(_ households: [Household]) -> String {
        guard !households.isEmpty else { return "<p>Aucun compte foyer.</p>" }
        let rows = households.map { household -> String in
            let id = household.id ?? 0
            let link = "<td><a href=\"\(root)/\(id)\">\(id)</a></td>"
            let names =
                "<td>\(escapeHTML(household.responsible?.fullName ?? ""))</td><td>\(household.members.count)</td>"
            let states =
                "<td>\(escapeHTML(household.email))</td><td>\(escapeHTML(household.state.label))</td>"
                + "<td>\(escapeHTML(household.status.label))</td>"
            return "<tr>" + link + names + states + "</tr>"
        }.joined()
        return "<table id=\"foyers\"><tr><th>N° du compte</th><th>Responsable</th><th>Membres</th><th>E-mail</th>"
            + "<th>État</th><th>Statut</th></tr>\(rows)</table>"
    }

    static func roleLabel(_ role: HouseholdMember.Role) -> String {
        switch role {
        case .responsible: "Responsable du foyer"
        case .adult: "Adulte"
        case .child: "Enfant"
        }
    }

    /// A journal event about a household, in French.
    static func describe(_ event: JournalEvent) -> String {
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
