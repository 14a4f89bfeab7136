import CoreModel

/// The fields of the consultation form as typed, kept as text so that a refused form comes back as it was.
/// Dates are Paris time, `jj/mm/aaaa hh:mm`; checkboxes are present when ticked.
struct ConsultationFormFields: Sendable, Equatable {
    var mode: String?
    var organisationId: String?
    var reference: String?
    var contractType: String?
    var procedureType: String?
    var category: String?
    var title: String?
    var object: String?
    var internalComment: String?
    var placeOfExecution: String?
    var cpv: String?
    var deadline: String?
    var onlineFrom: String?
    var accessCode: String?
    var electronicResponse: String?
    var signature: String?
    var encryption: String?
    var envelopeApplication: String?
    var envelopeOffer: String?
    var envelopeAnonymity: String?
    var openingMode: String?
    var displayedAfterDeadline: String?
    /// One lot title per line; empty for a consultation that is not divided ("non allotie").
    var lots: String?
    /// "Accès": the invited agents, `true` for a permanent invitation.
    var invited: [Int64: Bool] = [:]

    var creationMode: ConsultationCreationMode {
        mode == ConsultationCreationMode.simplified.rawValue ? .simplified : .standard
    }

    /// A blank form: standard defaults (encryption on, one "offre" envelope).
    static func blank(_ mode: ConsultationCreationMode) -> ConsultationFormFields {
        ConsultationFormFields(mode: mode.rawValue, encryption: "on", envelopeOffer: "on")
    }

    /// The form filled with a stored consultation, for its modification.
    init(_ consultation: Consultation) {
        mode = consultation.creationMode.rawValue
        organisationId = String(consultation.organisationID)
        reference = consultation.reference.value
        contractType = consultation.contractType.rawValue
        procedureType = consultation.procedureType.rawValue
        category = consultation.category.rawValue
        title = consultation.title
        object = consultation.object
        internalComment = consultation.internalComment
        placeOfExecution = consultation.placeOfExecution
        cpv = consultation.cpv?.description
        deadline = ParisTime.format(consultation.deadline)
        onlineFrom = ParisTime.format(consultation.onlineFrom)
        accessCode = consultation.accessCode
        let modalities = consultation.modalities
        electronicResponse = modalities.electronicResponse.rawValue
        signature = modalities.signature.rawValue
        encryption = modalities.encryption ? "on" : nil
        envelopeApplication = modalities.envelopes.contains(.application) ? "on" : nil
        envelopeOffer = modalities.envelopes.contains(.offer) ? "on" : nil
        envelopeAnonymity = modalities.envelopes.contains(.anonymity) ? "on" : nil
        openingMode = modalities.openingMode.rawValue
        displayedAfterDeadline = modalities.displayedAfterDeadline ? "on" : nil
        lots = consultation.lots.map(\.title).joined(separator: "\n")
        invited = Dictionary(uniqueKeysWithValues: consultation.invitations.map { ($0.agentID, $0.permanent) })
    }

    /// The fields of a posted form: `invite` repeats once per invited agent, `permanent-<id>` marks a
    /// permanent invitation.
    init(_ form: FormFields) {
        mode = form["mode"]
        organisationId = form["organisationId"]
        reference = form["reference"]
        contractType = form["contractType"]
        procedureType = form["procedureType"]
        category = form["category"]
        title = form["title"]
        object = form["object"]
        internalComment = form["internalComment"]
        placeOfExecution = form["placeOfExecution"]
        cpv = form["cpv"]
        deadline = form["deadline"]
        onlineFrom = form["onlineFrom"]
        accessCode = form["accessCode"]
        electronicResponse = form["electronicResponse"]
        signature = form["signature"]
        encryption = form["encryption"]
        envelopeApplication = form["envelopeApplication"]
        envelopeOffer = form["envelopeOffer"]
        envelopeAnonymity = form["envelopeAnonymity"]
        openingMode = form["openingMode"]
        displayedAfterDeadline = form["displayedAfterDeadline"]
        lots = form["lots"]
        for id in form.all("invite").compactMap({ Int64($0) }) { invited[id] = form["permanent-\(id)"] != nil }
    }

    init(
        mode: String? = nil, organisationId: String? = nil, encryption: String? = nil, envelopeOffer: String? = nil
    ) {
        self.mode = mode
        self.organisationId = organisationId
        self.encryption = encryption
        self.envelopeOffer = envelopeOffer
    }

    /// The draft these fields describe; the first unreadable field is reported in French.
    func draft() throws(DomainError) -> ConsultationDraft {
        func required(_ value: String?, _ field: String) throws(DomainError) -> String {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw .invalidField(field: field, reason: "Ce champ est obligatoire.")
            }
            return value
        }
        func choice<T: RawRepresentable<String>>(_ value: String?, _ field: String) throws(DomainError) -> T {
            guard let choice = T(rawValue: try required(value, field)) else {
                throw .invalidField(field: field, reason: "Choisissez une valeur de la liste.")
            }
            return choice
        }
        guard let organisationID = Int64(try required(organisationId, "service")) else {
            throw .invalidField(field: "service", reason: "Choisissez un service de la liste.")
        }
        let mode = creationMode
        var modalities = ConsultationModalities()
        if mode == .standard {
            modalities.electronicResponse = try choice(electronicResponse, "réponse électronique")
            modalities.signature = try choice(signature, "signature électronique")
            modalities.openingMode = try choice(openingMode, "mode d'ouverture")
            modalities.encryption = encryption != nil
            modalities.displayedAfterDeadline = displayedAfterDeadline != nil
            modalities.envelopes = []
            if envelopeApplication != nil { modalities.envelopes.insert(.application) }
            if envelopeOffer != nil { modalities.envelopes.insert(.offer) }
            if envelopeAnonymity != nil { modalities.envelopes.insert(.anonymity) }
        }
        let deadlineTime = try ParisTime.parse(
            try required(self.deadline, "date limite de remise des plis"), field: "date limite de remise des plis")
        var onlineFromTime: Int64?
        if mode == .standard {
            onlineFromTime = try ParisTime.parse(
                try required(self.onlineFrom, "date de mise en ligne"), field: "date de mise en ligne")
        }
        let lotList = (lots ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .enumerated().map { ConsultationLot(number: $0.offset + 1, title: $0.element) }
        return ConsultationDraft(
            mode: mode, organisationID: organisationID, reference: try required(reference, "référence"),
            contractType: try choice(contractType, "type de contrat"),
            procedureType: try choice(procedureType, "type de procédure"),
            category: try choice(category, "catégorie principale"), title: title ?? "", object: object ?? "",
            internalComment: internalComment ?? "", placeOfExecution: placeOfExecution ?? "",
            cpv: mode == .standard ? cpv : nil,
            deadline: deadlineTime, onlineFrom: onlineFromTime,
            accessCode: accessCode?.trimmingCharacters(in: .whitespaces), modalities: modalities,
            lots: mode == .standard ? lotList : [],
            invitations: invited.sorted { $0.key < $1.key }.map {
                ConsultationInvitation(agentID: $0.key, permanent: $0.value)
            })
    }
}

/// Small pieces shared by the consultation pages.
enum ConsultationHTML {
    static func csrf(_ token: String) -> String {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeHTML(token))\">"
    }

    static func error(_ message: String?) -> String {
        guard let message else { return "" }
        return "<p class=\"erreur\" role=\"alert\">\(escapeHTML(message))</p>\n"
    }

    /// The five steps, the current one marked with `aria-current`.
    static func steps(_ state: ConsultationState) -> String {
        let items = ConsultationState.allCases.map { step in
            step == state
                ? "<li aria-current=\"step\"><strong>\(escapeHTML(step.label))</strong></li>"
                : "<li>\(escapeHTML(step.label))</li>"
        }
        return "<ol class=\"etapes\">" + items.joined() + "</ol>"
    }

    static func select<T: RawRepresentable<String>>(
        _ name: String, _ label: String, _ options: [T], selected: String?, text: (T) -> String
    ) -> String {
        var html =
            "<p><label for=\"\(name)\">\(escapeHTML(label)) *</label> <select id=\"\(name)\" name=\"\(name)\" required>"
        html += "<option value=\"\">Sélectionnez...</option>"
        for option in options {
            let chosen = option.rawValue == selected ? " selected" : ""
            html += "<option value=\"\(escapeHTML(option.rawValue))\"\(chosen)>\(escapeHTML(text(option)))</option>"
        }
        return html + "</select></p>\n"
    }

    static func text(
        _ name: String, _ label: String, _ value: String?, required: Bool = true, hint: String? = nil,
        placeholder: String? = nil
    ) -> String {
        let star = required ? " *" : ""
        let hintHTML = hint.map { " <small>\(escapeHTML($0))</small>" } ?? ""
        let placeholderHTML = placeholder.map { " placeholder=\"\(escapeHTML($0))\"" } ?? ""
        return
            "<p><label for=\"\(name)\">\(escapeHTML(label))\(star)</label> <input id=\"\(name)\" name=\"\(name)\" value=\"\(escapeHTML(value ?? ""))\"\(placeholderHTML)\(required ? " required" : "")>\(hintHTML)</p>\n"
    }

    static func checkbox(_ name: String, _ label: String, _ value: String?) -> String {
        "<p><input type=\"checkbox\" id=\"\(name)\" name=\"\(name)\"\(value != nil ? " checked" : "")> <label for=\"\(name)\">\(escapeHTML(label))</label></p>\n"
    }

    static func radios<T: RawRepresentable<String>>(
        _ name: String, _ legend: String, _ options: [T], selected: String?, text: (T) -> String
    ) -> String {
        var html = "<fieldset><legend>\(escapeHTML(legend))</legend>"
        for option in options {
            let id = "\(name)-\(option.rawValue)"
            let chosen = option.rawValue == selected ? " checked" : ""
            html +=
                "<input type=\"radio\" id=\"\(id)\" name=\"\(name)\" value=\"\(escapeHTML(option.rawValue))\"\(chosen)> <label for=\"\(id)\">\(escapeHTML(text(option)))</label> "
        }
        return html + "</fieldset>\n"
    }
}

/// "Mes consultations": the consultations the agent may see, with links to create one.
struct ConsultationListPage {
    let consultations: [Consultation]
    let canCreate: Bool

    func render() -> String {
        var content = "<h2>Mes consultations</h2>\n<p><a href=\"/espace-agent\">Espace agent</a></p>\n"
        if canCreate {
            content += """
                <p><a href="/consultations/nouvelle">Créer une consultation</a> · \
                <a href="/consultations/nouvelle?mode=simplifiee">Créer une consultation simplifiée</a></p>\n
                """
        }
        guard !consultations.isEmpty else {
            return Layout(title: "Mes consultations", content: content + "<p>Aucune consultation.</p>").render()
        }
        content += """
            <table class="consultations"><thead><tr><th>Référence</th><th>Intitulé</th><th>Étape</th>\
            <th>Date limite de remise des plis</th></tr></thead><tbody>
            """
        for consultation in consultations {
            content += """
                <tr><td><a href="/consultations/\(consultation.id ?? 0)">\(escapeHTML(consultation.reference.value))</a></td>\
                <td>\(escapeHTML(consultation.title))</td><td class="etape">\(escapeHTML(consultation.state.label))</td>\
                <td>\(ParisTime.format(consultation.deadline))</td></tr>
                """
        }
        content += "</tbody></table>"
        return Layout(title: "Mes consultations", content: content).render()
    }
}

/// "Création d'une consultation" (standard or simplified), and the modification of one in elaboration.
struct ConsultationFormPage {
    let csrfToken: String
    /// The services where the agent may create; empty on modification (the service is kept).
    let services: [Organisation]
    let fields: ConsultationFormFields
    let error: String?
    /// `nil` for a creation; the consultation's identifier for a modification.
    let consultationID: Int64?
    /// The agents of the entity who may be invited ("Accès"), the signed-in agent excepted.
    var invitable: [Agent] = []

    func render() -> String {
        let simplified = fields.creationMode == .simplified
        let title =
            consultationID != nil
            ? "Modification de la consultation"
            : simplified ? "Création d'une consultation simplifiée" : "Création d'une consultation"
        let action = consultationID.map { "/consultations/\($0)/modifier" } ?? "/consultations/nouvelle"
        var content = "<h2>\(escapeHTML(title))</h2>\n<p><a href=\"/consultations\">Mes consultations</a></p>\n"
        content += ConsultationHTML.error(error)
        content += "<p><small>Le symbole * indique les champs obligatoires.</small></p>\n"
        content += "<form method=\"post\" action=\"\(action)\">\n" + ConsultationHTML.csrf(csrfToken)
        content += "<input type=\"hidden\" name=\"mode\" value=\"\(escapeHTML(fields.creationMode.rawValue))\">\n"
        content += "<h3>Identification</h3>\n"
        if consultationID == nil {
            content +=
                "<p><label for=\"organisationId\">Service de rattachement *</label> <select id=\"organisationId\" name=\"organisationId\" required>"
            for service in services {
                let id = String(service.id ?? 0)
                let chosen = id == fields.organisationId ? " selected" : ""
                content += "<option value=\"\(id)\"\(chosen)>\(escapeHTML(service.name))</option>"
            }
            content += "</select></p>\n"
        } else {
            content +=
                "<input type=\"hidden\" name=\"organisationId\" value=\"\(escapeHTML(fields.organisationId ?? ""))\">\n"
        }
        content += ConsultationHTML.select(
            "contractType", "Type de contrat", ContractType.allCases, selected: fields.contractType, text: \.label)
        content += ConsultationHTML.select(
            "procedureType", "Type de procédure", ProcedureType.allCases, selected: fields.procedureType, text: \.label)
        content += ConsultationHTML.select(
            "category", "Catégorie principale", ProcurementCategory.allCases, selected: fields.category, text: \.label)
        content += ConsultationHTML.text(
            "reference", "Référence", fields.reference,
            hint: "Entre 5 et 32 caractères alphanumériques ou \"/\" ou \"_\". Les espaces ne sont pas autorisés.")
        content += ConsultationHTML.text("title", "Intitulé de la consultation", fields.title)
        content += """
            <p><label for="object">Objet de la consultation *</label> <textarea id="object" name="object" required>\
            \(escapeHTML(fields.object ?? ""))</textarea></p>
            <p><label for="internalComment">Commentaire interne</label> <textarea id="internalComment" \
            name="internalComment">\(escapeHTML(fields.internalComment ?? ""))</textarea></p>\n
            """
        content += ConsultationHTML.text("placeOfExecution", "Lieu d'exécution", fields.placeOfExecution)
        if !simplified {
            content += ConsultationHTML.text(
                "cpv", "Code CPV", fields.cpv,
                hint: "Cohérent avec la catégorie : Fournitures 03XXXXXX à 44XXXXXX et 48XXXXXX, "
                    + "Travaux 45XXXXXX, Services 49XXXXXX à 98XXXXXX.")
        }
        if !simplified {
            content += """
                <h3>Lots</h3>
                <p><label for="lots">Lots</label> <textarea id="lots" name="lots">\(escapeHTML(fields.lots ?? ""))</textarea> \
                <small>Un intitulé de lot par ligne, deux lots au moins ; laissez vide pour une consultation non allotie.</small></p>\n
                """
        }
        content += "<h3>Calendrier</h3>\n"
        content += ConsultationHTML.text(
            "deadline", "Date limite de remise des plis", fields.deadline, hint: "(jj/mm/aaaa hh:mm, heure de Paris)",
            placeholder: "jj/mm/aaaa hh:mm")
        if !simplified {
            content += ConsultationHTML.text(
                "onlineFrom", "Date de mise en ligne", fields.onlineFrom, hint: "(jj/mm/aaaa hh:mm, heure de Paris)",
                placeholder: "jj/mm/aaaa hh:mm")
        }
        content += "<h3>Accès</h3>\n"
        content += ConsultationHTML.text(
            "accessCode", "Accès restreint - Code d'accès", fields.accessCode, required: false,
            hint: "Laissez vide pour un accès public.")
        if !invitable.isEmpty {
            content += "<fieldset><legend>Agents invités</legend><table class=\"invites\"><tbody>"
            for agent in invitable {
                let id = agent.id ?? 0
                let name = escapeHTML("\(agent.firstName) \(agent.lastName) (\(agent.login))")
                let invited = fields.invited[id] != nil ? " checked" : ""
                let permanent = fields.invited[id] == true ? " checked" : ""
                content += """
                    <tr><td><input type="checkbox" id="invite-\(id)" name="invite" value="\(id)"\(invited)> \
                    <label for="invite-\(id)">\(name)</label></td>\
                    <td><input type="checkbox" id="permanent-\(id)" name="permanent-\(id)"\(permanent)> \
                    <label for="permanent-\(id)">Invité permanent</label></td></tr>
                    """
            }
            content += "</tbody></table></fieldset>\n"
        }
        if !simplified {
            content += "<h3>Modalités</h3>\n"
            content += ConsultationHTML.radios(
                "electronicResponse", "Réponse électronique :", ConsultationModalities.ElectronicResponse.allCases,
                selected: fields.electronicResponse ?? ConsultationModalities.ElectronicResponse.allowed.rawValue,
                text: \.label)
            content += ConsultationHTML.checkbox(
                "displayedAfterDeadline",
                "Poursuivre l'affichage pour les entreprises après la date limite de remise des plis",
                fields.displayedAfterDeadline)
            content += ConsultationHTML.radios(
                "signature", "Signature électronique :", ConsultationModalities.Signature.allCases,
                selected: fields.signature ?? ConsultationModalities.Signature.notRequired.rawValue, text: \.label)
            content += ConsultationHTML.radios(
                "openingMode", "Mode d'ouverture :", ConsultationModalities.OpeningMode.allCases,
                selected: fields.openingMode ?? ConsultationModalities.OpeningMode.byFolder.rawValue, text: \.label)
            content += ConsultationHTML.checkbox(
                "encryption", "Chiffrement de la réponse avec clé cryptographique", fields.encryption)
            content += "<fieldset><legend>Enveloppes</legend>"
            content += ConsultationHTML.checkbox("envelopeApplication", "Candidature", fields.envelopeApplication)
            content += ConsultationHTML.checkbox("envelopeOffer", "Offre", fields.envelopeOffer)
            content += ConsultationHTML.checkbox(
                "envelopeAnonymity", "Troisième enveloppe (Anonymat)", fields.envelopeAnonymity)
            content += "</fieldset>\n"
        }
        content += "<p><button type=\"submit\">Enregistrer</button></p>\n</form>"
        return Layout(title: title, content: content).render()
    }
}

/// A consultation's page: its step, identification, calendar, history, decisions, and the buttons the
/// agent's rights allow now.
struct ConsultationPage {
    let csrfToken: String
    let file: ConsultationFile
    let error: String?
    /// The plis, when the agent may open them now (``RemoteJobService/openablePlis(of:by:)``).
    var plis: [RemoteJobService.PliLine]? = nil
    var assistantPort = PlatformConfiguration.defaultAssistantPort

    /// The page path of each action's form, and its button.
    static let forms: [(action: ConsultationAction, path: String, button: String)] = [
        (.submit, "demander-validation", "Demander la validation"),
        (.validate, "valider", "Valider"),
        (.refuse, "refuser", "Renvoyer en élaboration"),
        (.open, "ouvrir", "Passer à l'ouverture et l'analyse"),
    ]

    func render() -> String {
        let consultation = file.consultation
        let id = consultation.id ?? 0
        var content = "<h2>Consultation \(escapeHTML(consultation.reference.value))</h2>\n"
        content += "<p><a href=\"/consultations\">Mes consultations</a></p>\n"
        content += ConsultationHTML.error(error)
        content += ConsultationHTML.steps(consultation.state)
        content += "<p>Étape : <strong id=\"etat\">\(escapeHTML(consultation.state.label))</strong></p>\n"
        content += "<dl class=\"consultation\">"
        var rows: [(String, String)] = [
            ("Référence", consultation.reference.value),
            ("Intitulé", consultation.title),
            ("Objet", consultation.object),
            ("Service de rattachement", file.serviceName),
            ("Type de contrat", consultation.contractType.label),
            ("Type de procédure", consultation.procedureType.label),
            ("Catégorie", consultation.category.label),
            ("Lieu d'exécution", consultation.placeOfExecution),
            ("Date limite de remise des plis", ParisTime.format(consultation.deadline)),
            ("Date de mise en ligne", ParisTime.format(consultation.onlineFrom)),
            ("Créée par", file.agentNames[consultation.createdBy] ?? "agent \(consultation.createdBy)"),
        ]
        if let cpv = consultation.cpv { rows.insert(("Code CPV", cpv.description), at: 7) }
        if consultation.creationMode == .simplified { rows.append(("Mode de création", "Consultation simplifiée")) }
        if !consultation.internalComment.isEmpty { rows.append(("Commentaire interne", consultation.internalComment)) }
        if !consultation.invitations.isEmpty {
            let names = consultation.invitations.map { invitation in
                (file.agentNames[invitation.agentID] ?? "agent \(invitation.agentID)")
                    + (invitation.permanent ? " (invité permanent)" : "")
            }
            rows.append(("Agents invités", names.joined(separator: ", ")))
        }
        for (label, value) in rows { content += "<dt>\(escapeHTML(label))</dt><dd>\(escapeHTML(value))</dd>" }
        content += "</dl>\n"
        if consultation.lots.isEmpty {
            content += "<p>Consultation non allotie.</p>\n"
        } else {
            content += "<h3>Lots</h3><ul class=\"lots\">"
            for lot in consultation.lots {
                content += "<li>Lot \(lot.number) : \(escapeHTML(lot.title))</li>"
            }
            content += "</ul>\n"
        }
        content += actions(id)
        if let plis {
            content += PlisSection(
                consultationID: id, plis: plis, assistantPort: assistantPort, csrfToken: csrfToken
            ).render()
        }
        if !file.decisions.isEmpty {
            content += "<h3>Décision</h3><ul class=\"decisions\">"
            for decision in file.decisions {
                let lot = decision.lotNumber.map { "Lot \($0) : " } ?? ""
                let comment = decision.comment.isEmpty ? "" : " — \(decision.comment)"
                content += "<li>\(escapeHTML(lot + decision.kind.label + comment))</li>"
            }
            content += "</ul>\n"
        }
        content += """
            <h3>Historique</h3>
            <table class="historique"><thead><tr><th>Date</th><th>Étape</th><th>Agent</th><th>Commentaire</th></tr></thead><tbody>
            """
        for change in file.history {
            let step = change.from.map { "\($0.label) → \(change.to.label)" } ?? "Création : \(change.to.label)"
            content += """
                <tr><td>\(ParisTime.format(change.at))</td><td>\(escapeHTML(step))</td>\
                <td>\(escapeHTML(file.agentNames[change.agentID] ?? "agent \(change.agentID)"))</td>\
                <td>\(escapeHTML(change.comment))</td></tr>
                """
        }
        content += "</tbody></table>"
        return Layout(title: "Consultation \(consultation.reference.value)", content: content).render()
    }

    private func actions(_ id: Int64) -> String {
        var html = "<div class=\"actions\">"
        if file.actions.contains(.edit) {
            html += "<p><a href=\"/consultations/\(id)/modifier\">Modifier</a></p>"
        }
        for form in Self.forms where file.actions.contains(form.action) {
            html += """
                <form method="post" action="/consultations/\(id)/\(form.path)">\(ConsultationHTML.csrf(csrfToken))\
                <input name="comment" aria-label="Commentaire" placeholder="Commentaire"> \
                <button type="submit" name="action" value="\(form.action.rawValue)">\(escapeHTML(form.button))</button></form>
                """
        }
        if file.actions.contains(.decide) {
            html += "<form method=\"post\" action=\"/consultations/\(id)/decider\">\(ConsultationHTML.csrf(csrfToken))"
            let decided = Set(file.decisions.compactMap(\.lotNumber))
            let lots: [(String, String)] =
                file.consultation.lots.isEmpty
                ? [("", "Décision")]
                : file.consultation.lots.filter { !decided.contains($0.number) }
                    .map { (String($0.number), "Lot \($0.number)") }
            for (number, label) in lots {
                html +=
                    "<p><label for=\"kind\(number)\">\(escapeHTML(label))</label> <select id=\"kind\(number)\" name=\"kind\(number)\">"
                for kind in ConsultationDecision.Kind.allCases {
                    html += "<option value=\"\(kind.rawValue)\">\(escapeHTML(kind.label))</option>"
                }
                html +=
                    "</select> <input name=\"comment\(number)\" aria-label=\"Commentaire\" placeholder=\"Commentaire\"></p>"
            }
            html += "<button type=\"submit\">Enregistrer la décision</button></form>"
        }
        if file.actions.contains(.resetDecision) {
            html +=
                "<form method=\"post\" action=\"/consultations/\(id)/reinitialiser-decision\">\(ConsultationHTML.csrf(csrfToken))"
            let decided = file.decisions.compactMap(\.lotNumber)
            if !decided.isEmpty {
                html +=
                    "<label for=\"resetLot\">Lot</label> <select id=\"resetLot\" name=\"lot\"><option value=\"\">Tous les lots</option>"
                html += decided.map { "<option value=\"\($0)\">Lot \($0)</option>" }.joined() + "</select> "
            }
            html += """
                <input name="comment" aria-label="Commentaire" placeholder="Commentaire"> \
                <button type="submit">Réinitialiser la décision</button></form>
                """
        }
        if file.consultation.state == .consultation && !file.actions.contains(.open) {
            html +=
                "<p>L'ouverture des plis sera possible à partir du \(ParisTime.format(file.consultation.deadline)).</p>"
        }
        if file.actions.contains(.suite) {
            html += """
                <form method="post" action="/consultations/\(id)/creer-suite">\(ConsultationHTML.csrf(csrfToken))\
                <label for="suiteReference">Référence de la suite</label> <input id="suiteReference" name="reference" required> \
                <button type="submit">Créer une suite</button></form>
                """
        }
        return html + "</div>\n"
    }
}
