import CoreModel
import Foundation

/// "Rechercher une consultation": the published consultations, searchable by keyword, category and CPV.
struct PublicConsultationsPage {
    let search: ConsultationSearch
    let consultations: [Consultation]

    func render() -> String {
        let categories = ProcurementCategory.allCases.map { category in
            let selected = search.category == category ? " selected" : ""
            return "<option value=\"\(category.rawValue)\"\(selected)>\(escapeHTML(category.label))</option>"
        }.joined()
        var content = """
            <h2>Rechercher une consultation</h2>
            <form method="get" action="/consultations-publiques" class="recherche">
            <p><label for="q">Mots-clés</label> <input id="q" name="q" value="\(escapeHTML(search.keyword ?? ""))"></p>
            <p><label for="categorie">Catégorie</label> <select id="categorie" name="categorie"><option value="">Toutes</option>\(categories)</select></p>
            <p><label for="cpv">Code CPV (début)</label> <input id="cpv" name="cpv" value="\(escapeHTML(search.cpvPrefix ?? ""))" inputmode="numeric"></p>
            <p><button type="submit">Rechercher</button></p>
            </form>
            """
        if consultations.isEmpty {
            content += "<p class=\"resultats\">Aucune consultation en ligne ne correspond à votre recherche.</p>"
        } else {
            content += """
                <table class="resultats"><thead><tr><th>Référence</th><th>Intitulé</th><th>Catégorie</th>\
                <th>Date limite de remise des plis</th></tr></thead><tbody>
                """
            for consultation in consultations {
                let reference = escapeHTML(consultation.reference.value)
                content += """
                    <tr><td><a href="/consultations-publiques/\(percentEncode(consultation.reference.value))">\(reference)</a></td>\
                    <td>\(escapeHTML(consultation.title))</td><td>\(escapeHTML(consultation.category.label))</td>\
                    <td>\(FrenchTime.text(consultation.deadline))</td></tr>
                    """
            }
            content += "</tbody></table>"
        }
        return Layout(title: "Rechercher une consultation", content: content).render()
    }
}

/// The page of one published consultation for companies: what it is about, its deadline, its DCE, and how
/// to answer with the assistant.
struct PublicConsultationPage {
    let consultation: Consultation
    let platformURL: String
    /// The signed-in company, who gets the "Déposer" form.
    var bidder: SignedInBidder? = nil
    /// The loopback port of the assistant the form hands the deposit to.
    var assistantPort: Int = 17_420

    func render() -> String {
        let reference = consultation.reference.value
        let envelopes = consultation.modalities.envelopes.sorted()
        var content = """
            <h2>\(escapeHTML(consultation.title))</h2>
            <dl class="consultation">
            <dt>Référence</dt><dd class="reference">\(escapeHTML(reference))</dd>
            <dt>Objet</dt><dd>\(escapeHTML(consultation.object))</dd>
            <dt>Catégorie</dt><dd>\(escapeHTML(consultation.category.label))</dd>
            <dt>Code CPV</dt><dd>\(escapeHTML(consultation.cpv?.description ?? "—"))</dd>
            <dt>Lieu d'exécution</dt><dd>\(escapeHTML(consultation.placeOfExecution))</dd>
            <dt>Date limite de remise des plis</dt><dd class="date-limite">\(FrenchTime.text(consultation.deadline)) (heure de Paris)</dd>
            <dt>Enveloppes</dt><dd>\(escapeHTML(envelopes.map(\.label).joined(separator: ", ")))</dd>
            <dt>Réponse électronique</dt><dd>\(escapeHTML(consultation.modalities.electronicResponse.label))</dd>
            <dt>Signature électronique</dt><dd>\(escapeHTML(consultation.modalities.signature.label))</dd>
            </dl>
            """
        if consultation.dceSHA256 != nil {
            content +=
                "<p><a class=\"dce\" href=\"/api/public/consultations/\(percentEncode(reference))/dce\">Télécharger le dossier de consultation (DCE)</a></p>"
        } else {
            content += "<p>Le dossier de consultation n'est pas encore disponible.</p>"
        }
        let example = envelopes.map { "--envelope \($0.rawValue)=FICHIER" }.joined(separator: " ")
        content += """
            <h3>Répondre</h3>
            <p>La réponse est chiffrée sur votre poste par l'assistant Sceau pour les certificats de l'acheteur, \
            puis déposée par morceaux ; vous recevez un accusé de réception horodaté. Connectez-vous à \
            l'<a href="/entreprise">espace entreprise</a>, puis déposez avec l'assistant :</p>
            <pre>sceau-assistant deposit --platform \(escapeHTML(platformURL)) --consultation \(escapeHTML(reference)) \(escapeHTML(example))</pre>
            """
        if let bidder { content += depositForm(bidder, envelopes: envelopes) }
        return Layout(title: consultation.title, content: content).render()
    }

    /// "Déposer": the files of each envelope, handed to the assistant, which signs them when required,
    /// seals them and deposits them (`/static/depot.js`).
    private func depositForm(_ bidder: SignedInBidder, envelopes: [ConsultationEnvelope]) -> String {
        let signature = consultation.modalities.signature == .required
        var form = """
            <section id="depot" data-reference="\(escapeHTML(consultation.reference.value))" \
            data-csrf="\(escapeHTML(bidder.csrfToken))" data-assistant-port="\(assistantPort)" \
            data-signature="\(signature ? "requise" : "non-requise")">
            <h3>Déposer avec l'assistant</h3>
            <p>Déposant : \(escapeHTML(bidder.company.name)). Choisissez les fichiers de chaque enveloppe ; \
            l'assistant Sceau \(signature ? "les signe avec votre certificat, " : "")les chiffre sur votre poste \
            et les dépose.</p>
            """
        for envelope in envelopes {
            form += """
                <p><label>\(escapeHTML(envelope.label)) <input type="file" multiple data-envelope="\(envelope.rawValue)" \
                id="fichiers-\(envelope.rawValue)"></label></p>
                """
        }
        if signature {
            form += """
                <p><label>Certificat de signature <select id="certificat-signature"></select></label></p>
                """
        }
        form += """
            <p><button type="button" id="deposer">Déposer</button></p>
            <div id="suivi-depot" aria-live="polite"></div>
            </section>
            <script src="/static/depot.js"></script>
            """
        return form
    }
}

/// Percent-encodes a path segment.
func percentEncode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/"))) ?? text
}
