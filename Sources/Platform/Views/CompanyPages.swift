import CoreModel

/// "Inscription d'une entreprise": the company and its first user.
struct CompanyRegistrationPage {
    let error: String?
    let values: [String: String]

    func render() -> String {
        func field(_ name: String, _ label: String, type: String = "text", extra: String = "") -> String {
            let value = type == "password" ? "" : escapeHTML(values[name] ?? "")
            return
                "<p><label for=\"\(name)\">\(label)</label> <input id=\"\(name)\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\" required\(extra)></p>"
        }
        var content = "<h2>Inscription d'une entreprise</h2>\n"
        if let error { content += "<p class=\"erreur\" role=\"alert\">\(escapeHTML(error))</p>\n" }
        let civility = values["civility"] ?? Civility.monsieur.rawValue
        content += """
            <form method="post" action="/entreprise/inscription">
            <fieldset><legend>Entreprise</legend>
            \(field("name", "Raison sociale"))
            \(field("siret", "SIRET", extra: " inputmode=\"numeric\""))
            <p><label for="address">Adresse</label> <input id="address" name="address" value="\(escapeHTML(values["address"] ?? ""))"></p>
            </fieldset>
            <fieldset><legend>Utilisateur</legend>
            <p><label for="civility">Civilité</label> <select id="civility" name="civility">\
            \(Civility.allCases.map { "<option\($0.rawValue == civility ? " selected" : "")>\($0.rawValue)</option>" }.joined())</select></p>
            \(field("lastName", "Nom"))
            \(field("firstName", "Prénom"))
            \(field("email", "E-mail", type: "email"))
            \(field("login", "Identifiant"))
            \(field("password", "Mot de passe (8 caractères au moins)", type: "password"))
            </fieldset>
            <p><button type="submit">Créer le compte</button></p>
            </form>
            """
        return Layout(title: "Inscription d'une entreprise", content: content).render()
    }
}

/// "Espace entreprise": the signed-in company and its deposits with their receipts.
struct CompanySpacePage {
    struct Line: Sendable {
        let deposit: Deposit
        let reference: String
        let title: String
    }

    let signedIn: SignedInBidder
    let deposits: [Line]

    func render() -> String {
        let company = signedIn.company
        var content = """
            <h2>\(escapeHTML(company.name))</h2>
            <p class="entreprise">SIRET \(escapeHTML(company.siret.value)) — \(escapeHTML(signedIn.bidder.firstName)) \(escapeHTML(signedIn.bidder.lastName))
            <form method="post" action="/entreprise/deconnexion" class="inline"><input type="hidden" name="_csrf" value="\(escapeHTML(signedIn.csrfToken))"><button type="submit">Se déconnecter</button></form></p>
            <p><a href="/consultations-publiques">Rechercher une consultation</a></p>
            <h3>Vos dépôts</h3>
            """
        if deposits.isEmpty {
            content += "<p>Aucun dépôt pour le moment.</p>"
        } else {
            content +=
                "<table class=\"depots\"><thead><tr><th>Consultation</th><th>État</th><th>Reçu le</th></tr></thead><tbody>"
            for line in deposits {
                content += """
                    <tr><td>\(escapeHTML(line.reference)) — \(escapeHTML(line.title))</td><td>\(escapeHTML(line.deposit.state.label))</td>\
                    <td>\(line.deposit.completedAt.map(FrenchTime.text) ?? "—")</td></tr>
                    """
            }
            content += "</tbody></table>"
        }
        return Layout(title: "Espace entreprise", content: content).render()
    }
}
