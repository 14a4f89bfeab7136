import CoreModel

/// "Créer une demande" for a household at the counter ("mode guichet"): the agent chooses the
/// teleservice, then fills its form for the person concerned, as the citizen would.
struct CounterRequestPage {
    let csrfToken: String
    let household: Household
    /// The online teleservices of the categories where the agent instructs.
    let teleservices: [Teleservice]
    /// The household's document space, offered for the teleservice's required documents.
    var documents: [CitizenDocument] = []
    /// The chosen teleservice with its lists and its seasons open today.
    var chosen: (teleservice: Teleservice, lists: [ParameterList], seasons: [Season])?
    var values: [String: String] = [:]
    var data: [String: [String]] = [:]
    var selectedDocuments: Set<Int64> = []
    var error: String?

    func render() -> String {
        let base = "\(HouseholdPages.root)/\(household.id ?? 0)"
        let choices = teleservices.map { (String($0.id ?? 0), $0.name) }
        var content = """
            \(BackOffice.error(error))
            <p>Demande saisie pour le foyer n° \(household.id ?? 0) (\(escapeHTML(household.responsible?.fullName ?? ""))), au guichet ou au téléphone : l'historique de la demande vous en nomme l'auteur.</p>
            <form method="get" action="\(base)/demande"><label>Téléservice <select name="teleservice"><option value="">— choisir —</option>\(BackOffice.options(choices, selected: chosen.map { String($0.teleservice.id ?? 0) }))</select></label> <button type="submit">Choisir</button></form>
            """
        if teleservices.isEmpty {
            content += "<p>Aucun téléservice en ligne dans les catégories où vous avez le droit « Modification ».</p>"
        }
        if let chosen {
            let members = household.members.map { (String($0.id ?? 0), $0.fullName) }
            let seasons = chosen.seasons.map { (String($0.id ?? 0), $0.name) }
            let seasonField =
                seasons.isEmpty
                ? ""
                : "<p><label>Saison <select name=\"saison\" required><option value=\"\">— choisir —</option>\(BackOffice.options(seasons, selected: values["saison"]))</select></label></p>"
            content += """
                <form method="post" action="\(base)/demande" id="demande-guichet">\(BackOffice.csrf(csrfToken))
                <input type="hidden" name="teleservice" value="\(chosen.teleservice.id ?? 0)">
                <h3>\(escapeHTML(chosen.teleservice.name))</h3>
                <p><label>Personne concernée <select name="sujet">\(BackOffice.options(members, selected: values["sujet"] ?? household.responsible?.id.map(String.init)))</select></label></p>
                \(seasonField)
                \(FrontOfficePages.fields(chosen.teleservice.form, lists: chosen.lists, data: data))
                \(documentsField(chosen.teleservice.requiredDocuments, base: base))
                <button type="submit">Enregistrer la demande</button></form>
                """
        }
        return BackOffice.page("Créer une demande pour le foyer n° \(household.id ?? 0)", content)
    }

    /// The required documents: the household's own to tick, and those handed in now, joined by file.
    private func documentsField(_ required: [String], base: String) -> String {
        guard !required.isEmpty else { return "" }
        let boxes = documents.map { document in
            let id = document.id ?? 0
            let checked = selectedDocuments.contains(id) ? " checked" : ""
            return
                "<p><label><input type=\"checkbox\" name=\"document\" value=\"\(id)\"\(checked)> \(escapeHTML(document.kind)) — \(escapeHTML(document.fileName))</label></p>"
        }.joined()
        return """
            <fieldset><legend>Pièces justificatives</legend>
            <p>Pièces demandées : \(required.map(escapeHTML).joined(separator: ", ")).</p>
            <div id="pieces">\(boxes)</div>
            \(FrontOfficePages.attachment(required, uploadTo: "\(base)/documents", csrfToken: csrfToken))
            </fieldset>
            """
    }
}
