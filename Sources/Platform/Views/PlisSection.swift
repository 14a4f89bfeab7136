import CoreModel

/// The "Plis" section of a consultation's page for agents who may open them: each pli (n°, entreprise,
/// date), each envelope's state and, once opened online, its decrypted files; the buttons that hand a job
/// to the assistant (`/static/assistant.js`) and the jobs' progress (`suivi-jobs`).
struct PlisSection {
    let consultationID: Int64
    let plis: [RemoteJobService.PliLine]
    let assistantPort: Int
    /// The session's CSRF token, which the script sends with `POST /api/consultations/{id}/jobs`.
    let csrfToken: String

    func render() -> String {
        var html = """
            <section id="plis" data-consultation="\(consultationID)" data-assistant-port="\(assistantPort)" \
            data-csrf="\(escapeHTML(csrfToken))">
            <h3>Plis</h3>
            """
        html += Self.list(plis)
        html += """
            <p><label>Clé de déchiffrement (ouverture en ligne) <select id="cle-dechiffrement">\
            <option value="">Choisie par l'assistant</option></select></label></p>
            <p class="actions-plis"><button type="button" id="telecharger-plis" data-kind="telechargement">Télécharger les plis chiffrés</button> \
            <button type="button" id="ouvrir-en-ligne" data-kind="ouverture-en-ligne">Ouvrir en ligne</button></p>
            <p id="message-jobs" role="status"></p>
            <h4>Suivi des traitements</h4>
            <div id="suivi-jobs" aria-live="polite"><p>Aucun traitement en cours.</p></div>
            </section>
            """
        return html
    }

    /// The table of plis alone: the page's script reloads it (`#liste-plis`) when a job ends.
    static func list(_ plis: [RemoteJobService.PliLine]) -> String {
        guard !plis.isEmpty else { return "<div id=\"liste-plis\"><p>Aucun pli déposé.</p></div>\n" }
        var html = """
            <div id="liste-plis"><table class="plis"><thead><tr><th>N°</th><th>Entreprise</th><th>Date de dépôt</th>\
            <th>Enveloppes</th></tr></thead><tbody>
            """
        for pli in plis {
            html += "<tr data-depot=\"\(pli.depositID)\"><td>\(pli.number)</td><td>\(escapeHTML(pli.company))</td>"
            html += "<td>\(pli.completedAt.map(ParisTime.format) ?? "")</td><td><ul class=\"enveloppes\">"
            for envelope in pli.envelopes {
                html += "<li data-enveloppe=\"\(envelope.envelope.rawValue)\">\(escapeHTML(envelope.envelope.label)) : "
                html += "<span class=\"etat-enveloppe\">\(escapeHTML(envelope.opening.label))</span>"
                if envelope.opening == .openedOnline {
                    html += "<ul class=\"fichiers-dechiffres\">"
                    for file in envelope.files where envelope.decrypted.contains(file.id ?? 0) {
                        let name = file.name.hasSuffix(".p7m") ? String(file.name.dropLast(4)) : file.name
                        html += """
                            <li><a href="/api/deposits/\(pli.depositID)/files/\(file.id ?? 0)/plaintext">\
                            \(escapeHTML(name))</a></li>
                            """
                    }
                    html += "</ul>"
                }
                html += "</li>"
            }
            html += "</ul></td></tr>"
        }
        return html + "</tbody></table></div>\n"
    }
}
