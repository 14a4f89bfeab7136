import CoreModel

/// An organisation as its administrators manage it (seed 000 §2, §4, §6): coordinates, services,
/// users and their roles in the "Salle des marchés", encryption keys.
struct OrganisationPage {
    let signedIn: SignedInAgent
    let path: OrganisationPath
    let services: [Organisation]
    let agents: [(Agent, AgentAuthority)]
    let keys: EncryptionKeyService.Listing
    let error: String?

    private var csrf: String { "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(signedIn.csrfToken))\">" }

    func render() -> String {
        let organisation = path.target
        let id = organisation.id ?? 0
        let base = "/espace-agent/organisations/\(id)"
        let trail = path.organisations.map { item in
            "<a href=\"/espace-agent/organisations/\(item.id ?? 0)\">\(escapeHTML(item.name))</a>"
        }.joined(separator: " &gt; ")
        var content = "<p class=\"fil\">\(trail)</p>\n<h2>\(escapeHTML(organisation.name))</h2>\n"
        content += "<p>Type d'organisation : \(escapeHTML(organisation.type.label))</p>\n"
        if let error { content += "<p class=\"erreur\" role=\"alert\">\(escapeHTML(error))</p>\n" }
        content += """
            <h3>Coordonnées</h3>
            <form method="post" action="\(base)">\(csrf)
            <p><label for="nom">Nom</label> <input id="nom" name="name" maxlength="255" value="\(escapeHTML(organisation.name))" required></p>
            <p><label for="adresse">Adresse</label> <input id="adresse" name="address" value="\(escapeHTML(organisation.address))"></p>
            <p><label for="telephone">Téléphone</label> <input id="telephone" name="phone" value="\(escapeHTML(organisation.phone))"></p>
            <p><label for="fax">Fax</label> <input id="fax" name="fax" value="\(escapeHTML(organisation.fax))"></p>
            <p><button type="submit">Modifier</button></p>
            </form>
            <h3>Sous-collectivités</h3>
            """
        content +=
            services.isEmpty
            ? "<p>Aucune.</p>"
            : "<ul class=\"services\">"
                + services.map { service in
                    "<li><a href=\"/espace-agent/organisations/\(service.id ?? 0)\">\(escapeHTML(service.name))</a></li>"
                }.joined() + "</ul>"
        let types = OrganisationType.allCases.map {
            "<option value=\"\($0.rawValue)\">\(escapeHTML($0.label))</option>"
        }
        .joined()
        content += """
            <form method="post" action="\(base)/services">\(csrf)
            <p><label for="service-nom">Nom de la collectivité</label> <input id="service-nom" name="name" maxlength="255" required>
            <label for="service-type">Type d'organisation (définitif)</label> <select id="service-type" name="type">\(types)</select>
            <button type="submit">Créer une sous collectivité</button></p>
            </form>
            """
        content += usersSection(base: base)
        content += keysSection(base: base)
        return Layout(title: organisation.name, content: content).render()
    }

    private func usersSection(base: String) -> String {
        let roles = ProcurementRole.available(in: path.target.type)
        let serviceID = path.target.id ?? 0
        var html = """
            <h3>Gestion des utilisateurs — Salle des marchés</h3>
            <form method="post" action="\(base)/roles">\(csrf)
            <table class="roles"><thead><tr><th>Intervenants / Rôles, droits</th>\
            \(roles.map { "<th>\(escapeHTML($0.label))</th>" }.joined())</tr></thead><tbody>
            """
        for (agent, authority) in agents {
            let agentID = agent.id ?? 0
            let held = authority.roles[serviceID] ?? []
            html +=
                "<tr><td>\(escapeHTML(agent.firstName)) \(escapeHTML(agent.lastName)) (\(escapeHTML(agent.login)))"
                + "<input type=\"hidden\" name=\"agent\" value=\"\(agentID)\"></td>"
            for role in roles {
                let checked = held.contains(role) ? " checked" : ""
                html +=
                    "<td><input type=\"checkbox\" name=\"role-\(agentID)\" value=\"\(role.rawValue)\"\(checked) "
                    + "aria-label=\"\(escapeHTML(role.label)) : \(escapeHTML(agent.login))\"></td>"
            }
            html += "</tr>"
        }
        html += """
            </tbody></table>
            <p><button type="submit">Valider modifications</button></p>
            </form>
            <h4>Créer un utilisateur</h4>
            <form method="post" action="\(base)/agents">\(csrf)
            <p><label for="civilite">Civilité</label> <select id="civilite" name="civility">\
            \(Civility.allCases.map { "<option>\($0.rawValue)</option>" }.joined())</select>
            <label for="agent-nom">Nom</label> <input id="agent-nom" name="lastName" required>
            <label for="agent-prenom">Prénom</label> <input id="agent-prenom" name="firstName" required></p>
            <p><label for="agent-email">E-mail</label> <input id="agent-email" name="email" type="email" required>
            <label for="agent-login">Identifiant</label> <input id="agent-login" name="login" required>
            <label for="agent-password">Mot de passe</label> <input id="agent-password" name="password" type="password" required></p>
            <p><button type="submit">Valider</button></p>
            </form>
            """
        return html
    }

    private func keysSection(base: String) -> String {
        var html = "<h3>Clés de chiffrement</h3>"
        let all = keys.own.map { ($0, false) } + keys.inherited.map { ($0, true) }
        if all.isEmpty {
            html +=
                "<p>Aucune clé : aucun rôle ne peut être attribué tant qu'une clé n'est pas ajoutée ici ou au-dessus.</p>"
        } else {
            html +=
                "<table class=\"cles\"><thead><tr><th>Nom</th><th>CN</th><th>Type</th><th>Expire le</th><th></th></tr></thead><tbody>"
            for (key, inherited) in all {
                let action =
                    inherited
                    ? "Héritée"
                    : "<form method=\"post\" action=\"\(base)/keys/\(key.id ?? 0)/suppression\" class=\"inline\">\(csrf)<button type=\"submit\">Supprimer</button></form>"
                html +=
                    "<tr><td>\(escapeHTML(key.name))</td><td>\(escapeHTML(key.subjectCommonName))</td>"
                    + "<td>\(escapeHTML(key.kind.label))</td><td>\(FrenchTime.text(key.notAfter))</td><td>\(action)</td></tr>"
            }
            html += "</tbody></table>"
        }
        let kinds = EncryptionKey.Kind.allCases.map {
            "<option value=\"\($0.rawValue)\">\(escapeHTML($0.label))</option>"
        }
        .joined()
        html += """
            <form method="post" action="\(base)/keys">\(csrf)
            <p><label for="cle-nom">Nom</label> <input id="cle-nom" name="name">
            <label for="cle-type">Type</label> <select id="cle-type" name="kind">\(kinds)</select></p>
            <p><label for="cle-certificat">Certificat (PEM, exporté par l'assistant)</label><br>
            <textarea id="cle-certificat" name="certificate" rows="8" cols="66" required></textarea></p>
            <p><button type="submit">Ajouter la clé</button></p>
            </form>
            """
        return html
    }
}
