import CoreModel

/// A sign-in form: the agents' "Connexion", or the companies' with a link to register.
struct SignInPage {
    var title = "Connexion"
    var heading = "Connexion"
    var action = "/connexion"
    var footer = ""
    let error: String?

    /// The companies' sign-in page.
    static func company(error: String?) -> SignInPage {
        SignInPage(
            title: "Espace entreprise", heading: "Espace entreprise — connexion", action: "/entreprise/connexion",
            footer: "<p>Pas encore de compte ? <a href=\"/entreprise/inscription\">Inscrire votre entreprise</a></p>",
            error: error)
    }

    func render() -> String {
        var content = "<h2>\(escapeHTML(heading))</h2>\n"
        if let error { content += "<p class=\"erreur\" role=\"alert\">\(escapeHTML(error))</p>\n" }
        content += """
            <form method="post" action="\(action)">
            <p><label for="login">Identifiant</label> <input id="login" name="login" autocomplete="username" required></p>
            <p><label for="password">Mot de passe</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Se connecter</button></p>
            </form>
            \(footer)
            """
        return Layout(title: title, content: content).render()
    }
}
