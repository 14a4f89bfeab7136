import CoreModel
import CoreProtocol
import CoreTokens
import Foundation

/// The assistant's local page: status, certificates, paired platforms and remote jobs (in French,
/// like the rest of the user interface), in the platform's look (`/static/sceau.css`, CoreDesign's
/// stylesheet). It runs no script and has no inline style: its CSP allows neither. Every value goes
/// through ``escapeHTML(_:)``.
struct StatusPage {
    let certificates: [CertificateEntry]
    let pairings: [Pairing]
    /// Every job, newest first.
    let jobs: [JobSummary]
    /// The secret that each form of this page must send back.
    let formToken: String
    /// A message after an action ("Plateforme appairée…"), or an error.
    var notice: Notice?
    /// Where "Télécharger les plis chiffrés" puts the sealed files.
    var plisFolder: URL? = nil
    /// What a refused form had in its fields, given back to the user.
    var entered: [String: String] = [:]

    /// A message shown at the top of the page after an action; an error may name the field it is about.
    struct Notice: Equatable {
        enum Kind: String {
            case success, info, warning, error
        }

        let kind: Kind
        let text: String
        /// The id of the field the error is about, shown beside it too.
        var field: String? = nil

        static func success(_ text: String) -> Notice { Notice(kind: .success, text: text) }
        static func warning(_ text: String) -> Notice { Notice(kind: .warning, text: text) }
        static func error(_ text: String, field: String? = nil) -> Notice {
            Notice(kind: .error, text: text, field: field)
        }
    }

    func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Sceau Assistant — assistant de signature et de chiffrement</title>\(refresh)
        <link rel="stylesheet" href="/static/sceau.css">
        </head>
        <body>
        <a class="skip-link" href="#contenu">Aller au contenu</a>
        <header class="site-header">
        <div class="site-header__inner">
        <a class="site-header__brand" href="/">Sceau — assistant de signature et de chiffrement</a>
        </div>
        </header>
        <main id="contenu" class="container" tabindex="-1">
        <div class="page-header">
        <h1>Sceau Assistant</h1>
        <p class="page-header__meta">Version \(escapeHTML(SceauVersion.current)) — cette page n'est visible que \
        depuis ce poste.</p>
        </div>
        \(noticeAlert)\(stateCard)
        \(jobCard)
        \(certificateCard)
        \(pairingCard)
        \(plisFolderCard)
        </main>
        </body>
        </html>
        """
    }

    /// While a job runs, the page reloads itself every two seconds (it runs no script).
    private var refresh: String {
        jobs.contains { !$0.state.isFinal } ? "\n<meta http-equiv=\"refresh\" content=\"2\">" : ""
    }

    private var noticeAlert: String {
        guard let notice else { return "" }
        let role = notice.kind == .error ? "alert" : "status"
        return """
            <div class="alert alert--\(notice.kind.rawValue)" role="\(role)" id="notice" tabindex="-1">\
            <p>\(escapeHTML(notice.text))</p></div>

            """
    }

    private var stateCard: String {
        let suitable = certificates.filter { $0.verdict.suitable }.count
        let running = jobs.filter { !$0.state.isFinal }.count
        return """
            <section class="card" aria-labelledby="titre-etat">
            <h2 class="card__title" id="titre-etat">État</h2>
            <p id="etat">État de l'assistant : <strong class="badge badge--success">En ligne</strong></p>
            <dl class="summary">
            <dt>Certificats adaptés aux marchés publics</dt><dd>\(suitable) sur \(certificates.count)</dd>
            <dt>Plateformes appairées</dt><dd>\(pairings.count)</dd>
            <dt>Traitements en cours</dt><dd>\(running)</dd>
            </dl>
            </section>
            """
    }

    // MARK: Jobs

    private var jobCard: String {
        let content: String
        if jobs.isEmpty {
            content = """
                <div class="empty-state">
                <p class="empty-state__title">Aucun traitement n'est actuellement en cours d'exécution.</p>
                <p>Les signatures et les plis que demande une plateforme appairée s'afficheront ici.</p>
                </div>
                """
        } else {
            content = """
                <div class="table-wrap">
                <table class="table" aria-labelledby="titre-traitements">
                <thead><tr><th scope="col">Traitement</th><th scope="col">Début</th><th scope="col">Fin</th>\
                <th scope="col">État</th><th scope="col">Étapes</th><th scope="col">Progression</th>\
                <th scope="col">Action</th></tr></thead>
                <tbody>
                \(jobs.map(jobRow).joined(separator: "\n"))
                </tbody>
                </table>
                </div>
                """
        }
        return """
            <section class="card" aria-labelledby="titre-traitements">
            <h2 class="card__title" id="titre-traitements">Traitements</h2>
            \(content)
            </section>
            """
    }

    private func jobRow(_ job: JobSummary) -> String {
        let cancel =
            job.state.isFinal
            ? ""
            : """
            <form method="post" action="/jobs/cancel" class="inline-form">\(tokenField)\
            <input type="hidden" name="id" value="\(escapeHTML(job.id))">\
            <button type="submit" class="btn btn--secondary btn--small" \
            aria-label="Annuler le traitement « \(escapeHTML(job.title)) »">Annuler</button></form>
            """
        return """
            <tr class="job" data-state="\(job.state.rawValue)"><td>\(escapeHTML(job.title))<br>\
            <small class="muted">\(escapeHTML(job.origin))</small></td>\
            <td>\(Self.time(job.startedAt))</td><td>\(job.endedAt.map(Self.time) ?? "")</td>\
            <td>\(Self.stateBadge(job.state))</td><td>\(Self.steps(job.steps))</td><td>\(Self.progress(job))</td>\
            <td>\(cancel)</td></tr>
            """
    }

    private static func steps(_ steps: [JobStep]) -> String {
        steps.map { step in
            let (mark, state) =
                switch step.state {
                case .pending: ("○", "à venir")
                case .running: ("▶", "en cours")
                case .done: ("✔", "faite")
                case .failed: ("✘", "en échec")
                }
            return "<span role=\"img\" aria-label=\"\(state)\">\(mark)</span> \(escapeHTML(step.name))"
        }.joined(separator: "<br>")
    }

    /// The bar (indeterminate while a job runs without a known total), the percentage and speed, the
    /// detail and the error.
    private static func progress(_ job: JobSummary) -> String {
        var label = job.progress.percent.map { String(format: "%.0f %%", $0) } ?? ""
        if let speed = job.progress.bytesPerSecond, speed > 0, !job.state.isFinal {
            label += String(format: " — %.1f Mo/s", speed / 1_000_000)
        }
        var parts: [String] = []
        let name = "aria-label=\"Progression de « \(escapeHTML(job.title)) »\""
        if let percent = job.progress.percent {
            let value = String(format: "%.0f", min(max(percent, 0), 100))
            parts.append("<progress class=\"progress\" max=\"100\" value=\"\(value)\" \(name)>\(value) %</progress>")
        } else if !job.state.isFinal {
            parts.append("<progress class=\"progress\" \(name)></progress>")
        }
        if !label.isEmpty { parts.append("<span class=\"progress-label\">\(label)</span>") }
        if let detail = job.progress.detail { parts.append("<span class=\"small\">\(escapeHTML(detail))</span>") }
        if let error = job.error {
            parts.append("<p class=\"field__error\">\(escapeHTML(error))</p>")
        }
        return parts.joined(separator: "\n")
    }

    /// Dates as French readers write them, whatever the workstation's locale.
    private static let french = Locale(identifier: "fr_FR")

    private static func time(_ date: Date) -> String {
        date.formatted(
            .dateTime.day(.twoDigits).month(.twoDigits).year().hour().minute().second().locale(french))
    }

    private static func stateBadge(_ state: JobState) -> String {
        switch state {
        case .running: "<span class=\"badge badge--progress\">En cours</span>"
        case .succeeded: "<span class=\"badge badge--success\">Terminé</span>"
        case .failed: "<span class=\"badge badge--danger\">Échec</span>"
        case .cancelled: "<span class=\"badge badge--neutral\">Annulé</span>"
        }
    }

    // MARK: Certificates

    private var certificateCard: String {
        let content: String
        if certificates.isEmpty {
            content = """
                <div class="empty-state">
                <p class="empty-state__title">Aucun certificat trouvé sur les supports connectés.</p>
                <p>Branchez votre clé ou insérez votre carte de signature, puis rechargez cette page.</p>
                </div>
                """
        } else {
            content = """
                <div class="table-wrap">
                <table class="table" aria-labelledby="titre-certificats">
                <thead><tr><th scope="col">Titulaire</th><th scope="col">Émetteur</th>\
                <th scope="col">Date d'expiration</th><th scope="col">Conformité</th></tr></thead>
                <tbody>
                \(certificates.map(Self.certificateRow).joined(separator: "\n"))
                </tbody>
                </table>
                </div>
                """
        }
        return """
            <section class="card" aria-labelledby="titre-certificats">
            <h2 class="card__title" id="titre-certificats">Certificats disponibles</h2>
            \(content)
            </section>
            """
    }

    private static func certificateRow(_ entry: CertificateEntry) -> String {
        let expiry = entry.certificate.notValidAfter.formatted(
            .dateTime.day(.twoDigits).month(.twoDigits).year().locale(french))
        let verdict =
            entry.verdict.suitable
            ? "<span class=\"badge badge--success\">Adapté pour les marchés publics</span>"
            : "<span class=\"badge badge--danger\">Non adapté</span><br>"
                + entry.verdict.failures.map { escapeHTML($0.description) }.joined(separator: "<br>")
        return "<tr><td>\(escapeHTML(entry.holder))</td><td>\(escapeHTML(entry.issuer))</td><td>\(expiry)</td>"
            + "<td>\(verdict)</td></tr>"
    }

    // MARK: Pairings

    private var pairingCard: String {
        let content: String
        if pairings.isEmpty {
            content = """
                <div class="empty-state">
                <p class="empty-state__title">Aucune plateforme n'est appairée.</p>
                <p>Donnez ci-dessous l'adresse de la plateforme de marchés publics et sa clé de signature.</p>
                </div>
                """
        } else {
            content = """
                <div class="table-wrap">
                <table class="table" aria-labelledby="titre-plateformes">
                <thead><tr><th scope="col">Plateforme</th><th scope="col">Appairée le</th>\
                <th scope="col">Clé de signature</th><th scope="col">Action</th>\
                </tr></thead>
                <tbody>
                \(pairings.map(pairingRow).joined(separator: "\n"))
                </tbody>
                </table>
                </div>
                """
        }
        let origin = field(
            id: "origine", name: "origin", label: "Adresse de la plateforme", required: true,
            hint: "Par exemple https://marches.exemple.fr",
            control: "placeholder=\"https://marches.exemple.fr\" autocomplete=\"url\"")
        let key = field(
            id: "cle-publique", name: "publicKey", label: "Clé de signature de la plateforme", required: false,
            hint: "Au format PEM, publiée à l'adresse /api/platform/signing-key de la plateforme ; sans elle, "
                + "ses traitements sont refusés.",
            control: "rows=\"4\" placeholder=\"-----BEGIN PUBLIC KEY-----\"", textarea: true)
        return """
            <section class="card" aria-labelledby="titre-plateformes">
            <h2 class="card__title" id="titre-plateformes">Plateformes appairées</h2>
            \(content)
            <h3>Appairer une plateforme</h3>
            <form method="post" action="/pairings">
            \(tokenField)
            \(origin)
            \(key)
            <div class="form-actions"><button type="submit" class="btn">Appairer</button></div>
            </form>
            </section>
            """
    }

    private func pairingRow(_ pairing: Pairing) -> String {
        let key =
            pairing.publicKeyPEM == nil
            ? "<span class=\"badge badge--danger\">absente</span>"
            : "<span class=\"badge badge--success\">épinglée</span>"
        let origin = escapeHTML(pairing.origin.value)
        return """
            <tr><td>\(origin)</td><td>\(Self.time(pairing.pairedAt))</td><td>\(key)</td><td>\
            <form method="post" action="/pairings/remove" class="inline-form">\(tokenField)\
            <input type="hidden" name="origin" value="\(origin)">\
            <button type="submit" class="btn btn--danger btn--small" aria-label="Retirer \(origin)">Retirer</button>\
            </form></td></tr>
            """
    }

    // MARK: Plis folder

    private var plisFolderCard: String {
        guard let plisFolder else { return "" }
        let folder = field(
            id: "dossier", name: "folder", label: "Nouveau dossier", required: true,
            hint: "Un chemin absolu, par exemple /home/agent/Plis", control: "placeholder=\"/home/agent/Plis\"")
        return """
            <section class="card" aria-labelledby="titre-dossier-plis">
            <h2 class="card__title" id="titre-dossier-plis">Dossier des plis téléchargés</h2>
            <p id="dossier-plis">\(escapeHTML(plisFolder.path))</p>
            <form method="post" action="/settings/plis-folder">
            \(tokenField)
            \(folder)
            <div class="form-actions"><button type="submit" class="btn">Choisir ce dossier</button></div>
            </form>
            </section>
            """
    }

    // MARK: Forms

    private var tokenField: String {
        "<input type=\"hidden\" name=\"token\" value=\"\(escapeHTML(formToken))\">"
    }

    /// A labelled input (or textarea) with its hint, and the error of a refused form beside it when the
    /// error is about it; what the user had typed is given back.
    private func field(
        id: String, name: String, label: String, required: Bool, hint: String, control attributes: String,
        textarea: Bool = false
    ) -> String {
        let error = notice.flatMap { $0.kind == .error && $0.field == id ? $0.text : nil }
        var describedBy = "\(id)-aide"
        if error != nil { describedBy += " \(id)-erreur" }
        var common = "id=\"\(id)\" name=\"\(name)\" aria-describedby=\"\(describedBy)\" \(attributes)"
        if required { common += " required" }
        if error != nil { common += " aria-invalid=\"true\"" }
        let value = escapeHTML(entered[name] ?? "")
        let control =
            textarea
            ? "<textarea \(common)>\(value)</textarea>"
            : "<input \(common)\(value.isEmpty ? "" : " value=\"\(value)\"")>"
        let mark = required ? " <abbr class=\"field__required\" title=\"obligatoire\">*</abbr>" : ""
        return """
            <div class="field\(error == nil ? "" : " field--error")">
            <label class="field__label" for="\(id)">\(escapeHTML(label))\(mark)</label>
            <span class="field__hint" id="\(id)-aide">\(escapeHTML(hint))</span>
            \(error.map { "<p class=\"field__error\" id=\"\(id)-erreur\">\(escapeHTML($0))</p>\n" } ?? "")\(control)
            </div>
            """
    }
}
