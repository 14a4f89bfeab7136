import CoreModel

/// The citizens' French pages ("espace citoyen", `/demarches`): each function renders one page in ``Layout``.
enum FrontOfficePages {
    static func page(_ title: String, _ content: String, citizen: SignedInCitizen?) -> String {
        var nav = "<p class=\"citoyen\"><a href=\"/demarches\">Démarches en ligne</a> · "
        if let citizen {
            let name = citizen.household.responsible?.fullName ?? citizen.household.email
            nav += """
                <a href="/citoyen">Mon espace (\(escapeHTML(name)))</a> · <a href="/citoyen/documents">Mes documents</a> \
                <form method="post" action="/citoyen/deconnexion" class="inline">\(csrf(citizen))<button type="submit">Se déconnecter</button></form></p>
                """
        } else {
            nav +=
                "<a href=\"/citoyen/connexion\">Se connecter</a> · <a href=\"/citoyen/inscription\">Créer un compte foyer</a></p>"
        }
        return Layout(title: title, content: nav + "\n<h2>\(escapeHTML(title))</h2>\n" + content).render()
    }

    static func csrf(_ citizen: SignedInCitizen?) -> String {
        guard let citizen else { return "" }
        return "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(citizen.csrfToken))\">"
    }

    static func error(_ message: String?) -> String {
        guard let message else { return "" }
        return "<p class=\"erreur\" role=\"alert\">\(escapeHTML(message))</p>\n"
    }

    static func input(
        _ name: String, _ label: String, values: [String: String], type: String = "text", required: Bool = true
    ) -> String {
        let value = type == "password" ? "" : escapeHTML(values[name] ?? "")
        return
            "<p><label for=\"\(name)\">\(escapeHTML(label))</label> <input id=\"\(name)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(required ? " required" : "")></p>"
    }

    static func civilitySelect(_ name: String, selected: String?) -> String {
        "<p><label for=\"\(name)\">Civilité</label> <select id=\"\(name)\" name=\"\(name)\">"
            + Civility.allCases.map {
                "<option\($0.rawValue == selected ? " selected" : "")>\(escapeHTML($0.rawValue))</option>"
            }.joined() + "</select></p>"
    }

    // MARK: Accounts

    static func registration(error message: String?, values: [String: String]) -> String {
        let content =
            error(message) + """
                <form method="post" action="/citoyen/inscription">
                <fieldset><legend>Responsable du foyer</legend>
                \(civilitySelect("civility", selected: values["civility"]))
                \(input("lastName", "Nom", values: values))
                \(input("firstName", "Prénom", values: values))
                \(input("address", "Adresse du foyer", values: values))
                </fieldset>
                <fieldset><legend>Connexion</legend>
                \(input("email", "E-mail", values: values, type: "email"))
                \(input("password", "Mot de passe (8 à 128 caractères)", values: values, type: "password"))
                </fieldset>
                <p><button type="submit">Créer le compte foyer</button></p>
                </form>
                """
        return page("Créer un compte foyer", content, citizen: nil)
    }

    static func signIn(error message: String?, email: String, notice: String? = nil) -> String {
        var content = error(message)
        if let notice { content += "<p class=\"info\" role=\"status\">\(escapeHTML(notice))</p>\n" }
        content += """
            <form method="post" action="/citoyen/connexion">
            \(input("email", "E-mail", values: ["email": email], type: "email"))
            \(input("password", "Mot de passe", values: [:], type: "password"))
            <p><button type="submit">Se connecter</button></p>
            </form>
            <p><a href="/citoyen/mot-de-passe-oublie">Mot de passe oublié ?</a> · <a href="/citoyen/inscription">Créer un compte foyer</a></p>
            """
        return page("Connexion à votre compte foyer", content, citizen: nil)
    }

    static func forgottenPassword(sent: Bool, error message: String? = nil) -> String {
        let content =
            error(message)
            + (sent
                ? "<p class=\"info\" role=\"status\">Si un compte foyer existe pour cette adresse, un e-mail vient de lui être envoyé avec un lien valable une heure pour choisir un nouveau mot de passe.</p>"
                : """
                <form method="post" action="/citoyen/mot-de-passe-oublie">
                \(input("email", "E-mail de votre compte foyer", values: [:], type: "email"))
                <p><button type="submit">Recevoir un lien par e-mail</button></p>
                </form>
                """)
        return page("Mot de passe oublié", content, citizen: nil)
    }

    static func newPassword(token: String, live: Bool, error message: String?) -> String {
        let content =
            live
            ? error(message) + """
                <form method="post" action="/citoyen/nouveau-mot-de-passe">
                <input type="hidden" name="jeton" value="\(escapeHTML(token))">
                \(input("password", "Nouveau mot de passe (8 à 128 caractères)", values: [:], type: "password"))
                <p><button type="submit">Enregistrer le mot de passe</button></p>
                </form>
                """
            : error("Ce lien a expiré ou a déjà servi.")
                + "<p><a href=\"/citoyen/mot-de-passe-oublie\">Demander un nouveau lien</a></p>"
        return page("Nouveau mot de passe", content, citizen: nil)
    }

    // MARK: Citizen space

    struct SpaceLine: Sendable {
        let request: CitizenRequest
        let teleservice: String
    }

    static func space(
        _ citizen: SignedInCitizen, requests: [SpaceLine], drafts: [(RequestDraft, String)], error message: String?,
        notice: String? = nil
    ) -> String {
        let household = citizen.household
        var content = error(message)
        if let notice { content += "<p class=\"info\" role=\"status\">\(escapeHTML(notice))</p>\n" }
        content += """
            <p>Compte foyer n° \(household.id ?? 0) — \(escapeHTML(household.email)) — \(escapeHTML(household.address)) \
            (compte « \(escapeHTML(household.state.label)) »)</p>
            <h3>Mes demandes</h3>
            """
        if requests.isEmpty {
            content += "<p>Aucune demande. <a href=\"/demarches\">Faire une démarche</a></p>\n"
        } else {
            content +=
                "<table class=\"demandes\"><thead><tr><th>Numéro</th><th>Démarche</th><th>Concerne</th><th>Déposée le</th><th>État</th></tr></thead><tbody>\n"
            for line in requests {
                let request = line.request
                content += """
                    <tr><td><a href="/citoyen/demandes/\(request.id ?? 0)">\(escapeHTML(request.number))</a></td>\
                    <td>\(escapeHTML(line.teleservice))</td><td>\(escapeHTML(request.subjectName))</td>\
                    <td>\(escapeHTML(FrenchTime.text(request.createdAt)))</td>\
                    <td class="etat etat-\(request.state.rawValue)">\(escapeHTML(request.state.label))</td></tr>

                    """
            }
            content += "</tbody></table>\n"
        }
        content += "<h3>Mes brouillons</h3>\n"
        if drafts.isEmpty {
            content += "<p>Aucun brouillon.</p>\n"
        } else {
            content += "<ul class=\"brouillons\">\n"
            for (draft, name) in drafts {
                content += """
                    <li><a href="/demarches/\(draft.teleserviceID)?brouillon=\(draft.id ?? 0)">\(escapeHTML(name))</a> \
                    — enregistré le \(escapeHTML(FrenchTime.text(draft.updatedAt))), conservé jusqu'au \(escapeHTML(FrenchTime.text(draft.expiresAt))) \
                    <form method="post" action="/citoyen/brouillons/\(draft.id ?? 0)/supprimer" class="inline">\(csrf(citizen))<button type="submit">Supprimer</button></form></li>

                    """
            }
            content += "</ul>\n"
        }
        content +=
            "<h3>Membres du foyer</h3>\n<table class=\"membres\"><thead><tr><th>Civilité</th><th>Nom</th><th>Prénom</th><th>Né(e) le</th><th></th></tr></thead><tbody>\n"
        for member in household.members {
            content += """
                <tr><td>\(escapeHTML(member.civility.rawValue))</td><td>\(escapeHTML(member.lastName))</td>\
                <td>\(escapeHTML(member.firstName))</td><td>\(member.birthDate?.french ?? "")</td>\
                <td>\(member.role == .responsible ? "Responsable du foyer " : "")<a href="/citoyen/membres/\(member.id ?? 0)">Modifier</a></td></tr>

                """
        }
        content += "</tbody></table>\n"
        content += """
            <form method="post" action="/citoyen/membres"><fieldset><legend>Ajouter un membre</legend>
            \(csrf(citizen))
            \(civilitySelect("civility", selected: nil))
            \(input("lastName", "Nom", values: [:]))
            \(input("firstName", "Prénom", values: [:]))
            \(input("birthDate", "Date de naissance", values: [:], type: "date", required: false))
            <p><label for="role">Rôle</label> <select id="role" name="role"><option value="child">Enfant</option><option value="adult">Adulte</option></select></p>
            <p><button type="submit">Ajouter</button></p>
            </fieldset></form>
            <form method="post" action="/citoyen/compte" id="compte"><fieldset><legend>Mon compte</legend>
            \(csrf(citizen))
            <p><label for="compte-email">Adresse e-mail (identifiant de connexion)</label> <input id="compte-email" name="email" type="email" value="\(escapeHTML(household.email))" required></p>
            <p><label for="compte-nouveau">Nouveau mot de passe (facultatif, 8 caractères au moins)</label> <input id="compte-nouveau" name="nouveauMotDePasse" type="password" autocomplete="new-password"></p>
            <p><label for="compte-actuel">Mot de passe actuel</label> <input id="compte-actuel" name="motDePasse" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Enregistrer mon compte</button></p>
            </fieldset></form>
            """
        return page("Mon espace citoyen", content, citizen: citizen)
    }

    static func member(_ citizen: SignedInCitizen, _ member: HouseholdMember, error message: String?) -> String {
        let content =
            error(message) + """
                <form method="post" action="/citoyen/membres/\(member.id ?? 0)">
                \(csrf(citizen))
                \(civilitySelect("civility", selected: member.civility.rawValue))
                \(input("lastName", "Nom", values: ["lastName": member.lastName]))
                \(input("firstName", "Prénom", values: ["firstName": member.firstName]))
                \(input("birthDate", "Date de naissance", values: ["birthDate": member.birthDate?.iso ?? ""], type: "date", required: false))
                <p><button type="submit">Enregistrer</button> <a href="/citoyen">Annuler</a></p>
                </form>
                """
        return page("Modifier \(member.fullName)", content, citizen: citizen)
    }

    // MARK: Teleservices

    static func catalog(
        _ catalog: [(category: RequestCategory, teleservices: [Teleservice])], citizen: SignedInCitizen?
    )
        -> String
    {
        var content = ""
        if catalog.isEmpty { content += "<p>Aucune démarche n'est en ligne pour le moment.</p>\n" }
        for (category, teleservices) in catalog {
            content += "<h3>\(escapeHTML(category.name))</h3>\n<ul class=\"demarches\">\n"
            for teleservice in teleservices {
                let note = teleservice.requiresAccount ? " (compte foyer nécessaire)" : " (sans compte)"
                content +=
                    "<li><a href=\"/demarches/\(teleservice.id ?? 0)\">\(escapeHTML(teleservice.name))</a>\(note)</li>\n"
            }
            content += "</ul>\n"
        }
        return page("Démarches en ligne", content, citizen: citizen)
    }

    /// The inputs of a teleservice's form, filled with `data`.
    static func fields(_ form: FormDefinition, lists: [ParameterList], data: [String: [String]]) -> String {
        var html = ""
        for field in form.fields {
            let name = "champ.\(field.key)"
            let id = "champ-\(field.key)"
            let values = data[field.key] ?? []
            let label = escapeHTML(field.label) + (field.required ? " *" : "")
            let required = field.required ? " required" : ""
            switch field.kind {
            case .text, .date, .number:
                let type = field.kind == .text ? "text" : field.kind == .date ? "date" : "number\" step=\"any"
                html +=
                    "<p><label for=\"\(id)\">\(label)</label> <input id=\"\(id)\" name=\"\(escapeHTML(name))\" type=\"\(type)\" value=\"\(escapeHTML(values.first ?? ""))\"\(required)></p>\n"
            case .parameters:
                guard let list = lists.first(where: { $0.name == field.list }) else { continue }
                if list.presentation == .dropDown {
                    html +=
                        "<p><label for=\"\(id)\">\(label)</label> <select id=\"\(id)\" name=\"\(escapeHTML(name))\"\(required)><option value=\"\">— choisir —</option>"
                    for entry in list.entries {
                        html +=
                            "<option value=\"\(escapeHTML(entry.key))\"\(values.contains(entry.key) ? " selected" : "")>\(escapeHTML(entry.label))</option>"
                    }
                    html += "</select></p>\n"
                } else {
                    html += "<fieldset class=\"arbre\"><legend>\(label)</legend>\n"
                    html += tree(list.entries, parent: nil, name: name, checked: Set(values))
                    html += "</fieldset>\n"
                }
            }
        }
        return html
    }

    private static func tree(_ entries: [ParameterList.Entry], parent: String?, name: String, checked: Set<String>)
        -> String
    {
        let level = entries.filter { $0.parent == parent }
        guard !level.isEmpty else { return "" }
        var html = "<ul>"
        for entry in level {
            html += """
                <li><label><input type="checkbox" name="\(escapeHTML(name))" value="\(escapeHTML(entry.key))"\
                \(checked.contains(entry.key) ? " checked" : "")> \(escapeHTML(entry.label))</label>\
                \(tree(entries, parent: entry.key, name: name, checked: checked))</li>
                """
        }
        return html + "</ul>\n"
    }

    struct FormState: Sendable {
        var data: [String: [String]] = [:]
        var subjectID: Int64?
        var requesterName = ""
        var subjectName = ""
        var documentIDs: Set<Int64> = []
        var draftID: Int64?
        var note = ""
        var seasonID: Int64?
    }

    static func form(
        _ teleservice: Teleservice, lists: [ParameterList], citizen: SignedInCitizen?, documents: [CitizenDocument],
        state: FormState, error message: String?, notice: String? = nil, seasons: [Season] = []
    ) -> String {
        let id = teleservice.id ?? 0
        var content = error(message)
        if let notice { content += "<p class=\"info\" role=\"status\">\(escapeHTML(notice))</p>\n" }
        if teleservice.requiresAccount, citizen == nil {
            content += """
                <p>Cette démarche demande un compte foyer : <a href="/citoyen/connexion">connectez-vous</a> \
                ou <a href="/citoyen/inscription">créez votre compte</a>.</p>
                """
            return page(teleservice.name, content, citizen: nil)
        }
        content += "<form method=\"post\" action=\"/demarches/\(id)\">\n\(csrf(citizen))\n"
        if let draftID = state.draftID {
            content += "<input type=\"hidden\" name=\"brouillon\" value=\"\(draftID)\">\n"
        }
        if let citizen {
            content +=
                "<p><label for=\"beneficiaire\">La demande concerne</label> <select id=\"beneficiaire\" name=\"beneficiaire\">"
            for member in citizen.household.members {
                let selected = (state.subjectID ?? citizen.household.responsible?.id) == member.id ? " selected" : ""
                content +=
                    "<option value=\"\(member.id ?? 0)\"\(selected)>\(escapeHTML(member.civility.rawValue)) \(escapeHTML(member.fullName))</option>"
            }
            content += "</select></p>\n"
        } else {
            content += input(
                "demandeur", "Vos nom et prénom *", values: ["demandeur": state.requesterName])
            content += input(
                "concerne", "Personne concernée (si ce n'est pas vous)", values: ["concerne": state.subjectName],
                required: false)
        }
        if !seasons.isEmpty {
            content +=
                "<p><label for=\"saison\">Saison *</label> <select id=\"saison\" name=\"saison\" required><option value=\"\">— choisir —</option>"
            for season in seasons {
                let selected = state.seasonID == season.id ? " selected" : ""
                content +=
                    "<option value=\"\(season.id ?? 0)\"\(selected)>\(escapeHTML(season.name)) (inscriptions jusqu'au \(season.registrationCloses.french))</option>"
            }
            content += "</select></p>\n"
        }
        content += fields(teleservice.form, lists: lists, data: state.data)
        if !teleservice.requiredDocuments.isEmpty {
            content +=
                "<fieldset><legend>Pièces justificatives</legend><p>Pièces demandées : "
                + teleservice.requiredDocuments.map { "« \(escapeHTML($0)) »" }.joined(separator: ", ") + ".</p>\n"
            if let citizen {
                if documents.isEmpty {
                    content += "<p>Votre espace documents est vide : joignez vos pièces ci-dessous.</p>\n"
                }
                content += "<div id=\"pieces\">\n"
                for document in documents {
                    let docID = document.id ?? 0
                    content += """
                        <p><label><input type="checkbox" name="document" value="\(docID)"\(state.documentIDs.contains(docID) ? " checked" : "")> \
                        \(escapeHTML(document.kind)) — \(escapeHTML(document.fileName))</label></p>

                        """
                }
                content +=
                    "</div>\n"
                    + attachment(
                        teleservice.requiredDocuments, uploadTo: "/api/citoyen/documents", csrfToken: citizen.csrfToken)
            } else {
                content += "<p>Vous les remettrez au service sur sa demande.</p>\n"
            }
            content += "</fieldset>\n"
        }
        content += """
            <p><label for="note">Message au service (facultatif)</label><br><textarea id="note" name="note" rows="3" cols="60">\(escapeHTML(state.note))</textarea></p>
            <p><button type="submit" name="action" value="deposer">Déposer la demande</button>
            """
        if citizen != nil {
            content +=
                " <button type=\"submit\" name=\"action\" value=\"brouillon\" formnovalidate>Enregistrer en brouillon</button>"
        }
        content += "</p>\n</form>\n"
        return page(teleservice.name, content, citizen: citizen)
    }

    /// Joins a file to the form: it goes to the household's document space (`uploadTo`:
    /// `/api/citoyen/documents`, or the counter's route) and comes back checked among the documents
    /// (`#pieces`), the form's other fields kept.
    static func attachment(_ kinds: [String], uploadTo url: String, csrfToken: String) -> String {
        let options = kinds.map { "<option>\(escapeHTML($0))</option>" }.joined()
        return """
            <p><label for="piece-type">Pièce</label> <select id="piece-type">\(options)</select> \
            <label for="piece-fichier">Fichier (\(FrontOfficeService.maximumDocumentSize >> 20) Mo au plus)</label> <input id="piece-fichier" type="file"> \
            <button type="button" id="joindre-piece" data-csrf="\(escapeHTML(csrfToken))" data-url="\(escapeHTML(url))">Joindre ce fichier</button> \
            <span id="etat-piece" role="status"></span></p>
            <script>
            document.getElementById("joindre-piece").addEventListener("click", async (event) => {
              const file = document.getElementById("piece-fichier").files[0];
              const kind = document.getElementById("piece-type").value;
              const status = document.getElementById("etat-piece");
              if (!file) { status.textContent = "Choisissez le fichier."; return; }
              status.textContent = "Envoi en cours…";
              const url = event.target.dataset.url + "?type=" + encodeURIComponent(kind) + "&nom=" + encodeURIComponent(file.name);
              const response = await fetch(url, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream", "X-CSRF-Token": event.target.dataset.csrf } });
              if (!response.ok) { status.textContent = (await response.text()) || "Le fichier n'a pas été joint."; return; }
              const added = await response.json();
              const box = document.createElement("input");
              box.type = "checkbox"; box.name = "document"; box.value = added.id; box.checked = true;
              const label = document.createElement("label");
              label.append(box, " " + added.kind + " — " + added.fileName);
              const line = document.createElement("p");
              line.append(label);
              document.getElementById("pieces").append(line);
              document.getElementById("piece-fichier").value = "";
              status.textContent = "Fichier joint : " + added.fileName + ".";
            });
            </script>

            """
    }

    static func filed(_ request: CitizenRequest, teleservice: String, citizen: SignedInCitizen?) -> String {
        var content = """
            <p class="info" role="status">Votre demande « \(escapeHTML(teleservice)) » est enregistrée sous le numéro \
            <strong class="numero">\(escapeHTML(request.number))</strong>, à l'état « \(escapeHTML(request.state.label)) ».</p>
            """
        if citizen != nil {
            content += "<p><a href=\"/citoyen/demandes/\(request.id ?? 0)\">Suivre cette demande</a></p>"
        } else {
            content += "<p>Notez ce numéro : il vous sera demandé pour toute question sur votre demande.</p>"
        }
        content += receipt(request, teleservice: teleservice)
        return page("Demande enregistrée", content, citizen: citizen)
    }

    /// "Récépissé de dépôt": what the citizen keeps of the filing, printed alone (the print style hides the
    /// rest of the page).
    static func receipt(_ request: CitizenRequest, teleservice: String) -> String {
        """
        <style>@media print { body > *:not(main), p.citoyen, p.info, form, .pas-imprime { display: none; } }</style>
        <section id="recepisse"><h3>Récépissé de dépôt</h3>
        <dl><dt>Démarche</dt><dd>\(escapeHTML(teleservice))</dd>\
        <dt>Numéro de la demande</dt><dd>\(escapeHTML(request.number))</dd>\
        <dt>Déposée le</dt><dd>\(escapeHTML(FrenchTime.text(request.createdAt)))</dd>\
        <dt>Demandeur</dt><dd>\(escapeHTML(request.requesterName))</dd>\
        <dt>Personne concernée</dt><dd>\(escapeHTML(request.subjectName))</dd>\
        <dt>État</dt><dd>\(escapeHTML(request.state.label))</dd></dl>
        <p class="pas-imprime"><button type="button" id="imprimer-recepisse">Imprimer le récépissé</button></p>
        <script>document.getElementById("imprimer-recepisse").addEventListener("click", () => window.print());</script>
        </section>
        """
    }

    // MARK: Following a request

    struct RequestView: Sendable {
        let request: CitizenRequest
        let teleservice: Teleservice
        let lists: [ParameterList]
        let notes: [RequestNote]
        let documents: [RequestDocument]
        let lockedByAgent: Bool
        let today: CivilDate
    }

    static func request(_ view: RequestView, citizen: SignedInCitizen, error message: String?) -> String {
        let request = view.request
        let id = request.id ?? 0
        var content = error(message)
        content += """
            <p>Démarche : \(escapeHTML(view.teleservice.name)) — déposée le \(escapeHTML(FrenchTime.text(request.createdAt))) \
            — concerne \(escapeHTML(request.subjectName))</p>
            <p>État : <strong class="etat etat-\(request.state.rawValue)">\(escapeHTML(request.state.label))</strong></p>
            <h3>Données</h3><dl class="donnees">
            """
        for field in view.teleservice.form.fields {
            let values = request.data[field.key] ?? []
            let list = view.lists.first { $0.name == field.list }
            let shown = values.map { value in list?.entries.first { $0.key == value }?.label ?? value }
            content += "<dt>\(escapeHTML(field.label))</dt><dd>\(escapeHTML(shown.joined(separator: ", ")))</dd>"
        }
        content += "</dl>\n<h3>Pièces justificatives</h3>\n"
        if view.documents.isEmpty {
            content += "<p>Aucune pièce jointe.</p>\n"
        } else {
            content += "<ul class=\"pieces\">\n"
            for document in view.documents {
                let state = document.state.effective(validUntil: document.validUntil, on: view.today)
                content +=
                    "<li>\(escapeHTML(document.document.kind)) — \(escapeHTML(document.document.fileName)) : « \(escapeHTML(state.label)) »"
                if let until = document.validUntil { content += ", valable jusqu'au \(until.french)" }
                if !document.comment.isEmpty {
                    content += "<br><span class=\"commentaire\">\(escapeHTML(document.comment))</span>"
                }
                content += "</li>\n"
            }
            content += "</ul>\n"
        }
        content += "<h3>Échanges</h3>\n"
        let notes = view.notes.filter(\.isVisibleToCitizen)
        if notes.isEmpty { content += "<p>Aucun message.</p>\n" }
        for note in notes {
            let author = note.kind == .citizen ? "Vous" : "Le service"
            content += """
                <div class="note note-\(note.kind.rawValue)"><p><strong>\(author)</strong>, le \(escapeHTML(FrenchTime.text(note.createdAt))) :</p>\
                <p class="texte-note" style="white-space: pre-line">\(escapeHTML(note.text))</p></div>

                """
        }
        content += """
            <form method="post" action="/citoyen/demandes/\(id)/note">\(csrf(citizen))
            <p><label for="texte">Répondre au service</label><br><textarea id="texte" name="texte" rows="4" cols="60" required></textarea></p>
            <p><button type="submit">Envoyer</button></p></form>
            """
        if request.state == .uncomplete {
            content += "<h3>Compléter ma demande</h3>\n"
            if view.lockedByAgent {
                content += "<p class=\"info\">\(escapeHTML(RequestError.lockedForCitizen.description))</p>\n"
            } else {
                content += """
                    <p>Le service a jugé votre demande incomplète : corrigez les données, elle passera à l'état « Rectifiée ».</p>
                    <form method="post" action="/citoyen/demandes/\(id)/donnees">\(csrf(citizen))
                    \(fields(view.teleservice.form, lists: view.lists, data: request.data))
                    <p><button type="submit">Enregistrer les corrections</button></p></form>
                    """
            }
        }
        return page("Demande n° \(request.number)", content, citizen: citizen)
    }

    // MARK: Documents

    static func documents(_ citizen: SignedInCitizen, _ documents: [CitizenDocument], error message: String?) -> String
    {
        var content = error(message)
        if documents.isEmpty {
            content += "<p>Votre espace documents est vide.</p>\n"
        } else {
            content +=
                "<table class=\"documents\"><thead><tr><th>Pièce</th><th>Fichier</th><th>Ajouté le</th><th></th></tr></thead><tbody>\n"
            for document in documents {
                content += """
                    <tr><td>\(escapeHTML(document.kind))</td><td>\(escapeHTML(document.fileName))</td>\
                    <td>\(escapeHTML(FrenchTime.text(document.createdAt)))</td><td>\
                    <form method="post" action="/citoyen/documents/\(document.id ?? 0)/supprimer" class="inline">\(csrf(citizen))<button type="submit">Supprimer</button></form></td></tr>

                    """
            }
            content += "</tbody></table>\n"
        }
        content += """
            <h3>Ajouter un document</h3>
            <p><label for="type-document">Type de pièce</label> <input id="type-document" placeholder="Justificatif de domicile"></p>
            <p><label for="fichier-document">Fichier (\(FrontOfficeService.maximumDocumentSize >> 20) Mo au plus)</label> <input id="fichier-document" type="file"></p>
            <p><button type="button" id="envoyer-document" data-csrf="\(escapeHTML(citizen.csrfToken))">Ajouter</button> <span id="etat-document" role="status"></span></p>
            <script>
            document.getElementById("envoyer-document").addEventListener("click", async (event) => {
              const file = document.getElementById("fichier-document").files[0];
              const kind = document.getElementById("type-document").value.trim();
              const status = document.getElementById("etat-document");
              if (!file || !kind) { status.textContent = "Choisissez le type de pièce et le fichier."; return; }
              const url = event.target.dataset.url + "?type=" + encodeURIComponent(kind) + "&nom=" + encodeURIComponent(file.name);
              const response = await fetch(url, { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream", "X-CSRF-Token": event.target.dataset.csrf } });
              if (response.ok) { location.reload(); } else { status.textContent = (await response.text()) || "Le document n'a pas été ajouté."; }
            });
            </script>
            """
        return page("Mes documents", content, citizen: citizen)
    }
}
