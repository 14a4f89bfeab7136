import CoreModel

/// "Configuration du téléservice": online switch, alerts (quality of service), supporting documents,
/// parameter lists and seasons, each section with its form. A refused form is shown again with the
/// French reason above it and the values typed.
struct TeleserviceSettingsPage {
    let csrfToken: String
    let settings: RequestCatalogService.TeleserviceSettings
    let platformQuality: QualityOfService
    /// The season whose form is filled for editing.
    var editingSeason: Season? = nil
    var failure: ManagementFailure? = nil

    var teleservice: Teleservice { settings.teleservice }
    var base: String { "\(RequestManagement.root)/teleservices/\(teleservice.id ?? 0)" }

    func render() -> String {
        let summary = """
            <p>Catégorie : \(escapeHTML(settings.category.name)) · <a href="\(BackOffice.root)/modeles">Courriers types</a></p>
            """
        return RequestManagement.page(
            "Configuration du téléservice « \(teleservice.name) »",
            summary + state + alerts + form + documents + lists + seasons)
    }

    /// The refusal of this section's form, if it is the one refused.
    private func error(_ section: String) -> String {
        failure?.section == section ? BackOffice.error(failure?.message) : ""
    }

    /// The typed value when this section's form was refused, else `stored`.
    private func value(_ section: String, _ name: String, _ stored: String) -> String {
        failure?.section == section ? failure?.values[name] ?? "" : stored
    }

    private func input(_ section: String, _ name: String, _ label: String, _ stored: String, type: String = "text")
        -> String
    {
        "<label>\(label) <input type=\"\(type)\" name=\"\(name)\" value=\"\(escapeHTML(value(section, name, stored)))\"></label>"
    }

    var state: String {
        let online = teleservice.online
        return """
            <section class="zone" id="etat"><h3>État</h3>\(error("etat"))
            <p>Le téléservice est <strong\(online ? "" : " class=\"hors-ligne\"")>\(RequestManagement.onlineLabel(online))</strong> : \(online ? "les usagers peuvent déposer des demandes." : "il n'est pas proposé aux usagers.")</p>
            <p>\(BackOffice.button(online ? "Mettre hors ligne" : "Mettre en ligne", action: "\(base)/etat", csrf: csrfToken, fields: ["en-ligne": online ? "0" : "1"]))</p>
            <div id="nom">\(error("nom"))</div><form method="post" action="\(base)/nom">\(BackOffice.csrf(csrfToken))\(input("nom", "nom", "Nom du téléservice", teleservice.name)) <button type="submit">Renommer</button></form></section>
            """
    }

    var alerts: String {
        let own = teleservice.qualityOfService
        return """
            <section class="zone" id="alertes"><h3>Gestion des alertes (qualité de service)</h3>\(error("alertes"))
            <p>En jours ouvrés. Laissez les deux champs vides pour appliquer les valeurs par défaut de la plateforme\(own == nil ? " (c'est le cas aujourd'hui)" : "").</p>
            <form method="post" action="\(base)/alertes">\(BackOffice.csrf(csrfToken))
            \(input("alertes", "maximum", "Temps maximum d'instruction (valeur par défaut : \(platformQuality.maximumDays) jours)", own.map { String($0.maximumDays) } ?? "", type: "number"))<br>
            \(input("alertes", "rappel", "Alerte de rappel (valeur par défaut : \(platformQuality.reminderDays) jours)", own.map { String($0.reminderDays) } ?? "", type: "number"))<br>
            <button type="submit">Enregistrer</button></form></section>
            """
    }

    var form: String {
        let stored = FormDefinitionText.text(teleservice.form)
        let text = value("formulaire", "champs", stored)
        return """
            <section class="zone" id="formulaire"><h3>Formulaire de la demande</h3>\(error("formulaire"))
            <p>Un champ par ligne : « clé ; libellé ; type ; obligatoire » — type texte, date, nombre ou liste:NOM (une liste de paramètres ci-dessous) ; « obligatoire » ou « facultatif » (par défaut). La clé ne change pas les données des demandes déjà déposées.</p>
            <form method="post" action="\(base)/formulaire">\(BackOffice.csrf(csrfToken))
            <label>Champs <textarea name="champs" rows="\(max(4, teleservice.form.fields.count + 2))" cols="80">\(escapeHTML(text))</textarea></label><br>
            <button type="submit">Enregistrer le formulaire</button></form></section>
            """
    }

    var documents: String {
        let rows = teleservice.requiredDocuments.map { document in
            "<li>\(escapeHTML(document)) "
                + BackOffice.button(
                    "Retirer", action: "\(base)/pieces/retirer", csrf: csrfToken, fields: ["piece": document])
                + "</li>"
        }.joined()
        return """
            <section class="zone" id="pieces"><h3>Gestion des pièces justificatives</h3>\(error("pieces"))
            <p>Les pièces demandées à l'usager lors de sa demande.</p>
            \(rows.isEmpty ? "<p>Aucune pièce demandée.</p>" : "<ul>\(rows)</ul>")
            <form method="post" action="\(base)/pieces">\(BackOffice.csrf(csrfToken))
            \(input("pieces", "piece", "Pièce justificative", "")) <button type="submit">Ajouter</button></form></section>
            """
    }

    var lists: String {
        let presentations = ParameterList.Presentation.allCases.map { ($0.rawValue, $0.label) }
        let failedName = failure?.section == "parametres" ? failure?.values["nom"] : nil
        var content = ""
        for list in settings.lists {
            let failed = failedName == list.name
            let presentation = failed ? failure?.values["presentation"] : list.presentation.rawValue
            let text = failed ? failure?.values["valeurs"] ?? "" : ParameterEntriesText.text(list.entries)
            content += """
                <h4>\(escapeHTML(list.name)) — \(escapeHTML(list.presentation.label))</h4>\(failed ? BackOffice.error(failure?.message) : "")
                <form method="post" action="\(base)/parametres">\(BackOffice.csrf(csrfToken))<input type="hidden" name="nom" value="\(escapeHTML(list.name))">
                <label>Représentation <select name="presentation">\(BackOffice.options(presentations, selected: presentation))</select></label><br>
                <label>Valeurs <textarea name="valeurs" rows="\(max(3, list.entries.count + 1))" cols="60">\(escapeHTML(text))</textarea></label><br>
                <button type="submit">Enregistrer la liste</button></form>
                <form method="post" action="\(base)/parametres/renommer">\(BackOffice.csrf(csrfToken))<input type="hidden" name="nom" value="\(escapeHTML(list.name))"><label>Nouveau nom <input name="nouveau-nom" value="\(escapeHTML(failed ? failure?.values["nouveau-nom"] ?? "" : list.name))"></label> <button type="submit">Renommer la liste</button></form>
                \(BackOffice.button("Supprimer la liste", action: "\(base)/parametres/supprimer", csrf: csrfToken, fields: ["nom": list.name]))
                """
        }
        let isNew = failedName != nil && !settings.lists.contains { $0.name == failedName }
        let kept = isNew ? failure?.values ?? [:] : [:]
        return """
            <section class="zone" id="parametres"><h3>Gestion des paramètres</h3>
            <p>Les listes de choix proposées aux usagers dans le formulaire. Une valeur par ligne : « clé ; libellé », ou « clé ; libellé ; clé parente » pour l'imbriquer dans un arbre case à cocher. Clés et libellés sont uniques dans la liste.</p>
            \(settings.lists.isEmpty ? "<p>Aucune liste.</p>" : content)
            <h4>Nouvelle liste</h4>\(isNew ? BackOffice.error(failure?.message) : "")
            <form method="post" action="\(base)/parametres">\(BackOffice.csrf(csrfToken))
            <label>Nom de la liste <input name="nom" value="\(escapeHTML(kept["nom"] ?? ""))"></label><br>
            <label>Représentation <select name="presentation">\(BackOffice.options(presentations, selected: kept["presentation"]))</select></label><br>
            <label>Valeurs <textarea name="valeurs" rows="4" cols="60">\(escapeHTML(kept["valeurs"] ?? ""))</textarea></label><br>
            <button type="submit">Créer la liste</button></form></section>
            """
    }

    var seasons: String {
        let rows = settings.seasons.map { season -> String in
            let id = season.id ?? 0
            return "<tr><td>\(escapeHTML(season.name))</td>"
                + "<td>du \(season.registrationOpens.french) au \(season.registrationCloses.french)</td>"
                + "<td>\(season.validationFrom.french)</td><td>du \(season.start.french) au \(season.end.french)</td>"
                + "<td><a href=\"\(base)/saisons/\(id)#saisons\">Modifier</a> "
                + BackOffice.button("Supprimer", action: "\(base)/saisons/\(id)/supprimer", csrf: csrfToken)
                + "</td></tr>"
        }.joined()
        let editing = editingSeason
        let editedID = failure?.section == "saisons" ? failure?.values["id"] ?? "" : editing?.id.map(String.init) ?? ""
        func day(_ name: String, _ label: String, _ stored: CivilDate?) -> String {
            input("saisons", name, label, stored?.iso ?? "", type: "date")
        }
        return """
            <section class="zone" id="saisons"><h3>Gestion des saisons</h3>
            <p>Attention : deux saisons d'un même téléservice ne peuvent pas se chevaucher, ni leurs périodes d'inscription.</p>
            \(rows.isEmpty ? "<p>Aucune saison.</p>" : "<table><tr><th>Saison</th><th>Inscriptions</th><th>Validation à partir du</th><th>Période</th><th></th></tr>\(rows)</table>")
            <h4>\(editedID.isEmpty ? "Nouvelle saison" : "Modifier la saison")</h4>\(error("saisons"))
            <form method="post" action="\(base)/saisons">\(BackOffice.csrf(csrfToken))
            \(editedID.isEmpty ? "" : "<input type=\"hidden\" name=\"id\" value=\"\(escapeHTML(editedID))\">")
            \(input("saisons", "nom", "Nom de la saison", editing?.name ?? ""))<br>
            \(day("inscriptions-ouverture", "Ouverture des inscriptions", editing?.registrationOpens))
            \(day("inscriptions-cloture", "Clôture des inscriptions", editing?.registrationCloses))<br>
            \(day("validation", "Validation des demandes à partir du", editing?.validationFrom))<br>
            \(day("debut", "Début de la saison", editing?.start)) \(day("fin", "Fin de la saison", editing?.end))<br>
            <button type="submit">Enregistrer la saison</button>\(editedID.isEmpty ? "" : " <a href=\"\(base)#saisons\">Annuler</a>")</form></section>
            """
    }
}

extension ParameterList.Presentation {
    var label: String {
        switch self {
        case .dropDown: "Liste déroulante"
        case .checkboxTree: "Arbre case à cocher"
        }
    }
}
