import CoreModel

/// The home page: every public entity and its tree of services.
struct HomePage {
    let entities: [OrganisationTree]

    func render() -> String {
        let content: String
        if entities.isEmpty {
            content = "<p>Aucune entité publique n'est encore enregistrée.</p>"
        } else {
            content =
                "<h2>Entités publiques</h2>\n<ul class=\"entities\">\n"
                + entities.map(item).joined(separator: "\n") + "\n</ul>"
        }
        return Layout(title: "Accueil", content: content).render()
    }

    private func item(_ tree: OrganisationTree) -> String {
        let organisation = tree.organisation
        var html = "<li>\(escapeHTML(organisation.name)) <small>(\(escapeHTML(organisation.type.label)))</small>"
        if !tree.services.isEmpty {
            html += "\n<ul>\n" + tree.services.map(item).joined(separator: "\n") + "\n</ul>\n"
        }
        return html + "</li>"
    }
}
