import CoreModel

/// The agents' back office of citizens' requests ("Démarches"): shared pieces of its pages.
enum BackOffice {
    static let root = "/espace-agent/demarches"

    static let style = """
        <style>
        table { border-collapse: collapse; } th, td { border: 1px solid #999; padding: 2px 6px; text-align: left; }
        .urgente { background: #ffd8a8; } .retard { background: #ffb3b3; }
        .zone { border: 1px solid #ccc; margin: 1em 0; padding: 0 1em 1em; }
        .verrou { background: #eef; padding: .5em; } .erreur { color: #a00; font-weight: bold; }
        @media print { nav, header, form, .pas-imprime { display: none; } body { font: 11pt serif; } }
        </style>
        """

    static var menu: String {
        """
        <p class="pas-imprime"><a href="\(root)">Tableau de bord</a> · <a href="\(root)/recherche">Rechercher une demande</a> · <a href="\(root)/foyers">Comptes foyer</a> · <a href="\(root)/suivi">Suivi</a> · <a href="\(root)/modeles">Modèles de courrier</a> · <a href="\(root)/gestion">Gestion</a></p>
        """
    }

    static func page(_ title: String, _ content: String) -> String {
        Layout(title: title, content: style + menu + "<h2>\(escapeHTML(title))</h2>\n" + content).render()
    }

    static func csrf(_ token: String) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(token))\">"
    }

    static func error(_ message: String?) -> String {
        message.map { "<p class=\"erreur\" role=\"alert\">\(escapeHTML($0))</p>" } ?? ""
    }

    /// A form posting to `action` with one button.
    static func button(_ label: String, action: String, csrf token: String, fields: [String: String] = [:]) -> String {
        let hidden = fields.sorted { $0.key < $1.key }.map {
            "<input type=\"hidden\" name=\"\(escapeHTML($0.key))\" value=\"\(escapeHTML($0.value))\">"
        }.joined()
        return "<form method=\"post\" action=\"\(escapeHTML(action))\" style=\"display:inline\">\(csrf(token))\(hidden)"
            + "<button type=\"submit\">\(escapeHTML(label))</button></form>"
    }

    static func options(_ pairs: [(String, String)], selected: String?) -> String {
        pairs.map { value, label in
            "<option value=\"\(escapeHTML(value))\"\(value == selected ? " selected" : "")>\(escapeHTML(label))</option>"
        }.joined()
    }

    /// A list of requests as a table; urgent lines orange, late ones red.
    static func table(_ summaries: [CitizenRequestService.Summary], sortLinks: String? = nil) -> String {
        guard !summaries.isEmpty else { return "<p>Aucune demande.</p>" }
        func header(_ label: String, _ sort: RequestSearch.Sort) -> String {
            guard let sortLinks else { return "<th>\(label)</th>" }
            return "<th><a href=\"\(escapeHTML(sortLinks + sort.rawValue))\">\(label)</a></th>"
        }
        let head =
            "<tr>\(header("N°", .number))\(header("Déposée le", .newest))<th>Téléservice</th>"
            + "\(header("Demandeur", .requester))\(header("Concerne", .subject))\(header("État", .state))"
            + "<th>Qualité</th></tr>"
        let rows = summaries.map { summary -> String in
            let request = summary.request
            let css =
                switch summary.quality {
                case .urgent: " class=\"urgente\""
                case .late: " class=\"retard\""
                default: ""
                }
            return "<tr\(css)><td><a href=\"\(root)/\(request.id ?? 0)\">\(escapeHTML(request.number))</a></td>"
                + "<td>\(ParisTime.format(request.createdAt))</td><td>\(escapeHTML(summary.teleserviceName))</td>"
                + "<td>\(escapeHTML(request.requesterName))</td><td>\(escapeHTML(request.subjectName))</td>"
                + "<td>\(escapeHTML(request.state.label))</td><td>\(escapeHTML(summary.quality?.label ?? ""))</td></tr>"
        }
        return "<table>\(head)\(rows.joined())</table>"
    }
}

/// "Tableau de bord": the agent's task lists.
struct TaskBoardPage {
    let board: CitizenRequestService.TaskBoard

    func render() -> String {
        let sections: [(String, String, [CitizenRequestService.Summary])] = [
            ("retard", "Demandes en retard", board.late), ("urgentes", "Demandes urgentes", board.urgent),
            ("nouvelles", "Nouvelles demandes", board.new), ("miennes", "Mes dernières demandes", board.mine),
            ("validees", "Demandes validées", board.validated),
        ]
        return BackOffice.page(
            "Tableau de bord",
            sections.map { id, title, list in
                "<section id=\"\(id)\"><h3>\(title) (\(list.count))</h3>\(BackOffice.table(list))</section>"
            }.joined(separator: "\n")
                + "\n<p><a href=\"\(BackOffice.root)/notifications\">Mes notifications par e-mail</a></p>")
    }
}

/// "Rechercher une demande".
struct RequestSearchPage {
    let query: [String: String]
    let categories: [(RequestCategory, CategoryRight)]
    let teleservices: [Teleservice]
    let results: [CitizenRequestService.Summary]

    func render() -> String {
        func text(_ name: String, _ label: String, type: String = "text") -> String {
            "<label>\(label) <input type=\"\(type)\" name=\"\(name)\" value=\"\(escapeHTML(query[name] ?? ""))\"></label>"
        }
        func select(_ name: String, _ label: String, _ pairs: [(String, String)]) -> String {
            "<label>\(label) <select name=\"\(name)\"><option value=\"\">Tous</option>"
                + BackOffice.options(pairs, selected: query[name]) + "</select></label>"
        }
        let form = """
            <form method="get" action="\(BackOffice.root)/recherche">
            \(text("demandeur", "Demandeur")) \(text("concerne", "Concerne")) \(text("numero", "N° de demande")) \(text("foyer", "N° de foyer"))
            \(text("du", "Déposée du", type: "date")) \(text("au", "au", type: "date"))<br>
            \(select("categorie", "Catégorie", categories.map { (String($0.0.id ?? 0), $0.0.name) }))
            \(select("teleservice", "Téléservice", teleservices.map { (String($0.id ?? 0), $0.name) }))
            \(select("etat", "État", RequestState.allCases.map { ($0.rawValue, $0.label) }))
            \(text("agent", "Dernier agent (n°)"))
            \(select("qualite", "Qualité de service", QualityLevel.allCases.map { ($0.rawValue, $0.label) }))
            <button type="submit">Rechercher</button>
            </form>
            """
        var links = query.filter { $0.key != "tri" && !$0.value.isEmpty }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncodingForQuery)" }
        links.append("tri=")
        return BackOffice.page(
            "Rechercher une demande",
            form + "<h3>\(results.count) demande(s)</h3>"
                + BackOffice.table(results, sortLinks: "\(BackOffice.root)/recherche?" + links.joined(separator: "&")))
    }
}

extension String {
    /// Percent-encoded for a query string value.
    fileprivate var addingPercentEncodingForQuery: String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".unicodeScalars)
        return unicodeScalars.map { scalar in
            guard !allowed.contains(scalar) else { return String(scalar) }
            return String(scalar).utf8.map { byte in
                "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }.joined()
        }.joined()
    }
}

/// A request and its zones: data, documents, processing, information.
struct BackOfficeRequestPage {
    let csrfToken: String
    let detail: CitizenRequestService.Detail
    /// The names of the agents the page mentions (lock holder, notes, history), by id.
    let agentNames: [Int64: String]
    let householdDocuments: [CitizenDocument]
    let agentID: Int64
    let now: Int64
    let error: String?

    var base: String { "\(BackOffice.root)/\(detail.request.id ?? 0)" }

    func render() -> String {
        let request = detail.request
        return BackOffice.page(
            "Demande \(request.number) — \(detail.teleservice.name)",
            BackOffice.error(error) + lock + summary + data + documents + processing + information)
    }

    func name(_ id: Int64?) -> String { id.map { agentNames[$0] ?? "agent n° \($0)" } ?? "" }

    var lock: String {
        let live = detail.request.lock.flatMap { $0.isLive(at: now) ? $0 : nil }
        guard let live else {
            return detail.right >= .write
                ? ""
                : "<p class=\"verrou\">Vous consultez cette demande en lecture seule (droit « \(detail.right.label) »).</p>"
        }
        let until = ParisTime.format(live.expiresAt)
        if live.agentID == agentID {
            return "<p class=\"verrou\">Vous avez verrouillé cette demande jusqu'au \(until). "
                + BackOffice.button("Libérer le verrou", action: "\(base)/liberer", csrf: csrfToken) + "</p>"
        }
        var text =
            "<p class=\"verrou\" id=\"verrou\">Lecture seule : demande verrouillée par \(escapeHTML(name(live.agentID))) jusqu'au \(until)."
        if detail.right >= .manage {
            text +=
                " " + BackOffice.button("Libérer le verrou", action: "\(base)/liberer", csrf: csrfToken) + " "
                + BackOffice.button("Reprendre le verrou", action: "\(base)/reprendre", csrf: csrfToken)
        }
        return text + "</p>"
    }

    var summary: String {
        let request = detail.request
        return """
            <p>État : <strong>\(escapeHTML(request.state.label))</strong> · Déposée le \(ParisTime.format(request.createdAt))\(request.validatedAt.map { " · Validée le \(ParisTime.format($0))" } ?? "")\(detail.quality.map { " · \(escapeHTML($0.label))" } ?? "") · Demandeur : \(escapeHTML(request.requesterName)) · Concerne : \(escapeHTML(request.subjectName))</p>
            <p class="pas-imprime"><a href="\(base)/contacter">Contacter le citoyen</a> · <a href="\(base)/historique">Historique imprimable</a></p>
            """
    }

    var data: String {
        let request = detail.request
        let rows = detail.teleservice.form.fields.map { field -> String in
            let value = (request.data[field.key] ?? []).joined(separator: ", ")
            var cell = escapeHTML(value)
            if detail.editable {
                cell = """
                    <form method="post" action="\(base)/champ">\(BackOffice.csrf(csrfToken))<input type="hidden" name="cle" value="\(escapeHTML(field.key))"><input name="valeur" value="\(escapeHTML(value))" aria-label="\(escapeHTML(field.label))"> <button type="submit">Modifier</button></form>
                    """
            }
            return "<tr><th>\(escapeHTML(field.label))</th><td>\(cell)</td></tr>"
        }.joined()
        var buttons = ""
        if detail.editable {
            buttons = RequestDataState.transitions[request.dataState, default: []].map {
                BackOffice.button(
                    $0 == .validated ? "Valider les données" : "Données : « \($0.label) »", action: "\(base)/donnees",
                    csrf: csrfToken, fields: ["etat": $0.rawValue])
            }.joined(separator: " ")
        }
        return """
            <section class="zone" id="donnees"><h3>Données de la demande — \(escapeHTML(request.dataState.label))</h3>
            <table>\(rows)</table><p>\(buttons)</p></section>
            """
    }

    var documents: String {
        let rows = detail.documents.map { document -> String in
            let id = document.document.id ?? 0
            var actions = ""
            if detail.editable {
                let states = [document.state] + (DocumentState.transitions[document.state] ?? [])
                actions = """
                    <form method="post" action="\(base)/justificatifs/\(id)">\(BackOffice.csrf(csrfToken))<select name="etat" aria-label="État">\(BackOffice.options(states.map { ($0.rawValue, $0.label) }, selected: document.state.rawValue))</select> <label>Valable jusqu'au <input type="date" name="validite" value="\(document.validUntil.map(\.description) ?? "")"></label> <label>Commentaire (lu par le citoyen) <input name="commentaire" value="\(escapeHTML(document.comment))"></label> <button type="submit">Enregistrer</button></form>
                    \(BackOffice.button("Retirer de la demande", action: "\(base)/justificatifs/\(id)/retirer", csrf: csrfToken))
                    """
            }
            return
                "<tr><td>\(escapeHTML(document.document.kind))</td>"
                + "<td><a href=\"\(base)/documents/\(id)\">\(escapeHTML(document.document.fileName))</a></td>"
                + "<td>\(escapeHTML(document.state.label))</td>"
                + "<td>\(document.validUntil?.french ?? "")</td><td>\(escapeHTML(document.comment))</td><td>\(actions)</td></tr>"
        }.joined()
        let attached = Set(detail.documents.compactMap(\.document.id))
        let attachable = householdDocuments.filter { !attached.contains($0.id ?? 0) }
        var attach = ""
        if detail.editable, !attachable.isEmpty {
            attach = """
                <form method="post" action="\(base)/justificatifs">\(BackOffice.csrf(csrfToken))<select name="document" aria-label="Document du foyer">\(BackOffice.options(attachable.map { (String($0.id ?? 0), "\($0.kind) — \($0.fileName)") }, selected: nil))</select> <button type="submit">Joindre</button></form>
                """
        }
        let required = detail.teleservice.requiredDocuments.map(escapeHTML).joined(separator: ", ")
        return """
            <section class="zone" id="justificatifs"><h3>Pièces justificatives</h3>
            <p>Pièces demandées : \(required.isEmpty ? "aucune" : required)</p>
            \(detail.documents.isEmpty ? "<p>Aucun justificatif joint.</p>" : "<table><tr><th>Type</th><th>Fichier</th><th>État</th><th>Valable jusqu'au</th><th>Commentaire</th><th></th></tr>\(rows)</table>")
            \(attach)</section>
            """
    }

    var processing: String {
        let buttons = detail.allowedStates.map { state in
            BackOffice.button(
                "Passer à « \(state.label) »", action: "\(base)/etat", csrf: csrfToken, fields: ["etat": state.rawValue]
            )
        }.joined(separator: " ")
        return """
            <section class="zone" id="instruction"><h3>Instruction</h3>
            <p>État actuel : \(escapeHTML(detail.request.state.label))</p>
            <p>\(buttons.isEmpty ? "Aucun changement d'état possible pour vous." : buttons)</p></section>
            """
    }

    var information: String {
        let notes = detail.notes.map { note in
            "<li><strong>\(escapeHTML(note.kind.label))</strong> — \(ParisTime.format(note.createdAt)) — "
                + "\(escapeHTML(note.agentID.map { name($0) } ?? detail.request.requesterName)) : \(escapeHTML(note.text))</li>"
        }.joined()
        var noteForm = ""
        if detail.editable {
            noteForm = """
                <form method="post" action="\(base)/notes">\(BackOffice.csrf(csrfToken))<select name="type" aria-label="Type de note"><option value="internal">Note interne</option><option value="public">Note usager (lue par le citoyen)</option></select><br><textarea name="texte" rows="3" cols="60" aria-label="Texte de la note"></textarea><br><button type="submit">Ajouter la note</button></form>
                """
        }
        var household = "<p>Demande sans compte foyer.</p>"
        if let found = detail.household {
            household =
                "<p><a href=\"\(HouseholdPages.root)/\(found.id ?? 0)\">Foyer n° \(found.id ?? 0)</a> — \(escapeHTML(found.email)) — \(escapeHTML(found.address))</p><ul>"
                + found.members.map { "<li>\(escapeHTML($0.civility.rawValue)) \(escapeHTML($0.fullName))</li>" }
                .joined()
                + "</ul>"
        }
        return """
            <section class="zone" id="informations"><h3>Informations</h3>
            <h4>Notes</h4><ul>\(notes)</ul>\(noteForm)
            <h4>Foyer</h4>\(household)
            <h4>Historique</h4>\(HistoryTable(history: detail.history, names: agentNames).render())</section>
            """
    }
}

/// The history lines as a table.
struct HistoryTable {
    let history: [RequestHistoryEntry]
    let names: [Int64: String]

    func render() -> String {
        let rows = history.map { entry -> String in
            let author =
                switch entry.author {
                case .agent(let id): names[id] ?? "agent n° \(id)"
                case .citizen: "Le demandeur"
                case .system: "Sceau"
                }
            return "<tr><td>\(ParisTime.format(entry.at))</td><td>\(escapeHTML(author))</td>"
                + "<td>\(escapeHTML(entry.summary))</td></tr>"
        }.joined()
        return "<table><tr><th>Date</th><th>Auteur</th><th>Changement</th></tr>\(rows)</table>"
    }
}

/// "Contacter le citoyen": the form, then the letter sent.
struct ContactPage {
    let csrfToken: String
    let request: CitizenRequest
    let channels: [ContactChannel]
    let templates: [LetterTemplate]
    let letter: LettersService.Letter?
    let form: [String: String]
    let error: String?

    func render() -> String {
        let base = "\(BackOffice.root)/\(request.id ?? 0)"
        var content = BackOffice.error(error)
        if let letter {
            let query =
                "modele=\(letter.template.id ?? 0)&moyen=\(letter.channel.key)&message="
                + (form["message"] ?? "").addingPercentEncodingForQueryValue
            content += """
                <p role="status">Échange enregistré dans l'historique : \(escapeHTML(letter.channel.label)), modèle « \(escapeHTML(letter.template.name)) ».</p>\(letter.delivery.map { "<p id=\"envoi-courriel\">\(escapeHTML($0.description))</p>" } ?? "")
                <p><a href="\(base)/courrier.pdf?\(escapeHTML(query))">Télécharger le courrier (PDF)</a> · <a href="\(base)">Retour à la demande</a></p>
                <article class="courrier">\(letter.html)</article>
                """
        } else if templates.isEmpty {
            content += "<p>Aucun modèle de courrier : un agent « Management » doit d'abord en créer un.</p>"
        }
        content += """
            <form method="post" action="\(base)/contacter">\(BackOffice.csrf(csrfToken))
            <label>Moyen de contact <select name="moyen">\(BackOffice.options(channels.map { ($0.key, $0.label) }, selected: form["moyen"]))</select></label> (par e-mail, le courrier est aussi déposé dans l'espace du citoyen, rubrique « Échanges »)<br>
            <label>Modèle de courrier <select name="modele">\(BackOffice.options(templates.map { (String($0.id ?? 0), $0.name) }, selected: form["modele"]))</select></label><br>
            <label>Message (remplace la variable ${observation}) <textarea name="message" rows="4" cols="60">\(escapeHTML(form["message"] ?? ""))</textarea></label><br>
            <button type="submit">Contacter le citoyen</button>
            </form>
            """
        return BackOffice.page("Contacter le citoyen — demande \(request.number)", content)
    }
}

extension String {
    var addingPercentEncodingForQueryValue: String { addingPercentEncodingForQuery }
}

/// The printable history of a request.
struct HistoryPage {
    let request: CitizenRequest
    let history: [RequestHistoryEntry]
    let names: [Int64: String]

    func render() -> String {
        BackOffice.page(
            "Historique de la demande \(request.number)",
            "<p>\(escapeHTML(request.requesterName)) — \(escapeHTML(request.state.label))</p>"
                + HistoryTable(history: history, names: names).render()
                + "<p class=\"pas-imprime\"><button type=\"button\" onclick=\"window.print()\">Imprimer</button></p>")
    }
}

/// The letter templates, and the editor with its preview.
struct TemplatesPage {
    let csrfToken: String
    let templates: [LetterTemplate]
    let editing: LetterTemplate?
    let preview: String?
    let canEdit: Bool
    let error: String?

    func render() -> String {
        let list = templates.map {
            "<li><a href=\"\(BackOffice.root)/modeles/\($0.id ?? 0)\">\(escapeHTML($0.name))</a></li>"
        }.joined()
        var content = BackOffice.error(error) + "<ul>\(list.isEmpty ? "<li>Aucun modèle.</li>" : list)</ul>"
        let variables = LetterVariable.allCases.map {
            "<li><code>${\($0.rawValue)}</code> : \(escapeHTML($0.label))</li>"
        }.joined()
        if canEdit {
            let template = editing ?? LetterTemplate(name: "", body: "")
            content += """
                <h3>\(template.id == nil ? "Nouveau modèle" : "Modifier le modèle")</h3>
                <form method="post" action="\(BackOffice.root)/modeles">\(BackOffice.csrf(csrfToken))
                \(template.id.map { "<input type=\"hidden\" name=\"id\" value=\"\($0)\">" } ?? "")
                <label>Nom <input name="nom" value="\(escapeHTML(template.name))"></label><br>
                <label>Texte <textarea name="texte" rows="14" cols="80">\(escapeHTML(template.body))</textarea></label><br>
                <button type="submit" name="action" value="apercu">Aperçu</button> <button type="submit" name="action" value="enregistrer">Enregistrer</button>
                </form>
                """
        } else {
            content += "<p>Seuls les agents « Management » modifient les modèles.</p>"
        }
        if let preview {
            content +=
                "<h3>Aperçu (demande fictive)</h3><article class=\"courrier\"><pre>\(escapeHTML(preview))</pre></article>"
        }
        content += "<h3>Variables</h3><ul>\(variables)</ul>"
        return BackOffice.page("Modèles de courrier", content)
    }
}

/// "Suivi": the tracking tables with their CSV exports.
struct TrackingPage {
    let tables: [(BackOfficeTracking.Kind, BackOfficeTracking.Table)]

    func render() -> String {
        BackOffice.page(
            "Suivi des demandes",
            tables.map { kind, table in
                let head = table.header.map { "<th>\(escapeHTML($0))</th>" }.joined()
                let rows = table.rows.map { "<tr>" + $0.map { "<td>\(escapeHTML($0))</td>" }.joined() + "</tr>" }
                    .joined()
                return "<section id=\"\(kind.rawValue)\"><h3>\(escapeHTML(table.title))</h3>"
                    + "<p><a href=\"\(BackOffice.root)/suivi/\(kind.rawValue).csv\">Exporter en CSV</a></p>"
                    + "<table><tr>\(head)</tr>\(rows)</table></section>"
            }.joined(separator: "\n"))
    }
}
