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
        <header><h1>Sceau — plateforme des marchés publics</h1></header>
        <main>
        \(content)
        </main>
        </body>
        </html>
        """
    }
}
