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
        </head>
        <body>
        <header><h1>Sceau — plateforme des marchés publics</h1>
        <nav><a href="/">Accueil</a> · <a href="/consultations-publiques">Rechercher une consultation</a> · <a href="/entreprise">Espace entreprise</a> · <a href="/espace-agent">Espace agent</a></nav></header>
        <main>
        \(content)
        </main>
        </body>
        </html>
        """
    }
}
