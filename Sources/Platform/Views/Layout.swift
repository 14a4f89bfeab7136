import CoreModel

/// The frame of every page: title, header, main content.
struct Layout {
    let title: String
    let content: String

    func render() -> String {
        """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title)) — Sceau</title>
        <script src="/static/assistant.js" defer></script>
        </head>
        <body>
        <header><h1>Sceau — plateforme des marchés publics</h1>
        <nav><a href="/">Accueil</a> · <a href="/consultations-publiques">Rechercher une consultation</a> · <a href="/entreprise">Espace entreprise</a> · <a href="/espace-agent">Espace agent</a></nav>
        \(Self.assistantStatus)</header>
        <main>
        \(content)
        </main>
        </body>
        </html>
        """
    }

    /// "État de l'assistant", probed by `/static/assistant.js`, and the installation help shown while offline.
    static let assistantStatus = """
        <p class="assistant">État de l'assistant : <strong id="etat-assistant">Hors ligne</strong></p>
        <div id="aide-assistant" class="aide-assistant" hidden>
        <p>L'assistant de signature et de chiffrement ne répond pas sur ce poste. Pour l'installer :</p>
        <ol>
        <li>installez le paquet <code>sceau-assistant</code> (paquet Debian ou RPM fourni par votre service informatique) ;</li>
        <li>démarrez-le : <code>sceau-assistant serve</code> ;</li>
        <li>téléchargez <a href="/api/platform/signing-key" download="cle-plateforme.pem">la clé publique de la plateforme</a>,         puis associez l'assistant à cette plateforme :         <code>sceau-assistant pair <span class="origine-plateforme">ORIGINE</span> --public-key cle-plateforme.pem</code> ;</li>
        <li>rechargez cette page.</li>
        </ol>
        </div>
        """
}
