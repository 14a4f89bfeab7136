import CoreModel

/// "Espace agent": the signed-in agent's entity, its services, and the agents of their organisation
/// with their roles, as the seed's "Gestion des utilisateurs" screen shows them.
struct AgentSpacePage {
    let signedIn: SignedInAgent
    let tree: OrganisationTree
    let agents: [(Agent, AgentAuthority)]

    func render() -> String {
        let me = signedIn.agent
        var content = """
            <p class="agent">\(escapeHTML(me.civility.rawValue)) \(escapeHTML(me.firstName)) \(escapeHTML(me.lastName))
            <form method="post" action="/deconnexion" class="inline"><input type="hidden" name="_csrf" value="\(escapeHTML(signedIn.csrfToken))"><button type="submit">Se déconnecter</button></form></p>
            <p><a href="/consultations">Mes consultations</a> · <a href="/espace-agent/demarches">Démarches des usagers</a></p>
            <h2>Vos collectivités</h2>
            <ul class="organisations">\(item(tree))</ul>
            <h2>Gestion des utilisateurs</h2>
            <table class="agents"><thead><tr><th>Intervenants</th><th>E-mail</th><th>Rôles, droits</th></tr></thead><tbody>
            """
        for (agent, authority) in agents {
            let roles = authority.roles.values.flatMap { $0 }.map(\.label)
            let rights = authority.administrationRights.map(\.label)
            content += """
                <tr><td>\(escapeHTML(agent.firstName)) \(escapeHTML(agent.lastName)) (\(escapeHTML(agent.login)))</td>\
                <td>\(escapeHTML(agent.email))</td><td>\(escapeHTML(Set(roles + rights).sorted().joined(separator: ", ")))</td></tr>
                """
        }
        content += "</tbody></table>"
        return Layout(title: "Espace agent", content: content).render()
    }

    private func item(_ tree: OrganisationTree) -> String {
        let organisation = tree.organisation
        var html =
            "<li><a href=\"/espace-agent/organisations/\(organisation.id ?? 0)\">\(escapeHTML(organisation.name))</a> <small>(\(escapeHTML(organisation.type.label)))</small>"
        if !tree.services.isEmpty { html += "<ul>" + tree.services.map(item).joined() + "</ul>" }
        return html + "</li>"
    }
}
