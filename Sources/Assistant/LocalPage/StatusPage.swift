import CoreModel
import CoreProtocol
import CoreTokens
import Foundation

/// The assistant's local page: status, certificates, paired platforms and remote jobs (in French,
/// like the rest of the user interface).
struct StatusPage {
    let certificates: [CertificateEntry]
    let pairings: [Pairing]
    /// Every job, newest first.
    let jobs: [JobSummary]
    /// The secret that each form of this page must send back.
    let formToken: String
    /// A message after an action ("Plateforme appairée…"), or an error.
    var notice: String?
    /// Where "Télécharger les plis chiffrés" puts the sealed files.
    var plisFolder: URL? = nil

    func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head><meta charset="utf-8"><title>Sceau Assistant</title>\(refresh)
        <style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}\
        td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.ok{color:#060}.ko{color:#a00}</style>
        </head>
        <body>
        <h1>Sceau Assistant <small>version \(escapeHTML(SceauVersion.current))</small></h1>
        <p id="etat">État de l'assistant : <strong class="ok">En ligne</strong></p>
        \(notice.map { "<p id=\"notice\">\(escapeHTML($0))</p>" } ?? "")
        <h2>Certificats disponibles</h2>
        \(certificateTable)
        <h2>Plateformes appairées</h2>
        \(pairingTable)
        <form method="post" action="/pairings">
        <input type="hidden" name="token" value="\(escapeHTML(formToken))">
        <p><label>Adresse de la plateforme <input name="origin" placeholder="https://marches.exemple.fr" required></label></p>
        <p><label>Clé de signature de la plateforme (PEM, publiée à l'adresse /api/platform/signing-key de la \
        plateforme ; sans elle, ses traitements sont refusés)<br>\
        <textarea name="publicKey" rows="4" cols="70" placeholder="-----BEGIN PUBLIC KEY-----"></textarea></label></p>
        <button type="submit">Appairer</button>
        </form>
        \(plisFolderSection)
        <h2>Traitements</h2>
        \(jobTable)
        </body>
        </html>
        """
    }

    private var certificateTable: String {
        guard !certificates.isEmpty else { return "<p>Aucun certificat trouvé sur les supports connectés.</p>" }
        let rows = certificates.map { entry in
            let expiry = entry.certificate.notValidAfter.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year())
            let verdict =
                entry.verdict.suitable
                ? "<span class=\"ok\">Adapté pour les marchés publics</span>"
                : "<span class=\"ko\">"
                    + entry.verdict.failures.map { escapeHTML($0.description) }.joined(separator: "<br>")
                    + "</span>"
            return
                "<tr><td>\(escapeHTML(entry.holder))</td><td>\(escapeHTML(entry.issuer))</td><td>\(expiry)</td><td>\(verdict)</td></tr>"
        }
        return "<table><tr><th>Titulaire</th><th>Émetteur</th><th>Date d'expiration</th><th>Conformité</th></tr>\n"
            + rows.joined(separator: "\n") + "\n</table>"
    }

    /// While a job runs, the page reloads itself every two seconds (it runs no script).
    private var refresh: String {
        jobs.contains { !$0.state.isFinal } ? "<meta http-equiv=\"refresh\" content=\"2\">" : ""
    }

    private var jobTable: String {
        guard !jobs.isEmpty else { return "<p>Aucun traitement n'est actuellement en cours d'exécution.</p>" }
        let rows = jobs.map { job in
            let steps = job.steps.map { step in
                let mark = ["pending": "○", "running": "▶", "done": "✔", "failed": "✘"][step.state.rawValue] ?? ""
                return "\(mark) \(escapeHTML(step.name))"
            }.joined(separator: "<br>")
            var progress = job.progress.percent.map { String(format: "%.0f %%", $0) } ?? ""
            if let speed = job.progress.bytesPerSecond, speed > 0, !job.state.isFinal {
                progress += String(format: " — %.1f Mo/s", speed / 1_000_000)
            }
            if let detail = job.progress.detail { progress += "<br>" + escapeHTML(detail) }
            if let error = job.error { progress += "<br><span class=\"ko\">" + escapeHTML(error) + "</span>" }
            let cancel =
                job.state.isFinal
                ? ""
                : """
                <form method="post" action="/jobs/cancel"><input type="hidden" name="token" value="\(escapeHTML(formToken))">\
                <input type="hidden" name="id" value="\(escapeHTML(job.id))"><button type="submit">Annuler</button></form>
                """
            return """
                <tr class="job" data-state="\(job.state.rawValue)"><td>\(escapeHTML(job.title))<br><small>\(escapeHTML(job.origin))</small></td>\
                <td>\(Self.time(job.startedAt))</td><td>\(job.endedAt.map(Self.time) ?? "")</td>\
                <td>\(Self.stateLabel(job.state))</td><td>\(steps)</td><td>\(progress)</td><td>\(cancel)</td></tr>
                """
        }
        return
            "<table><tr><th>Traitement</th><th>Début</th><th>Fin</th><th>État</th><th>Étapes</th><th>Progression</th><th></th></tr>\n"
            + rows.joined(separator: "\n") + "\n</table>"
    }

    private static func time(_ date: Date) -> String {
        date.formatted(.dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().second())
    }

    private static func stateLabel(_ state: JobState) -> String {
        switch state {
        case .running: "En cours"
        case .succeeded: "<span class=\"ok\">Terminé</span>"
        case .failed: "<span class=\"ko\">Échec</span>"
        case .cancelled: "Annulé"
        }
    }

    private var plisFolderSection: String {
        guard let plisFolder else { return "" }
        return """
            <h2>Dossier des plis téléchargés</h2>
            <p id="dossier-plis">\(escapeHTML(plisFolder.path))</p>
            <form method="post" action="/settings/plis-folder">
            <input type="hidden" name="token" value="\(escapeHTML(formToken))">
            <label>Nouveau dossier <input name="folder" size="50" placeholder="/home/agent/Plis" required></label>
            <button type="submit">Choisir ce dossier</button>
            </form>
            """
    }

    private var pairingTable: String {
        guard !pairings.isEmpty else { return "<p>Aucune plateforme n'est appairée.</p>" }
        let rows = pairings.map { pairing in
            """
            <tr><td>\(escapeHTML(pairing.origin.value))</td><td>\(pairing.pairedAt.formatted(.iso8601))</td>\
            <td>\(pairing.publicKeyPEM == nil ? "<span class=\"ko\">absente</span>" : "<span class=\"ok\">épinglée</span>")</td><td>\
            <form method="post" action="/pairings/remove"><input type="hidden" name="token" value="\(escapeHTML(formToken))">\
            <input type="hidden" name="origin" value="\(escapeHTML(pairing.origin.value))"><button type="submit">Retirer</button></form></td></tr>
            """
        }
        return "<table><tr><th>Plateforme</th><th>Appairée le</th><th>Clé de signature</th><th></th></tr>\n"
            + rows.joined(separator: "\n")
            + "\n</table>"
    }
}
