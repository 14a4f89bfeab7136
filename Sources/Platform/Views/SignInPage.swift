import CoreModel

/// "Connexion": the agents' sign-in form.
struct SignInPage {
    let error: String?

    func render() -> String {
        var content = "<h2>Connexion</h2>\n"
        if let error { content += "<p class=\"erreur\" role=\"alert\">\(escapeHTML(error))</p>\n" }
        content += """
            <form method="post" action="/connexion">
            <p><label for="login">Identifiant</label> <input id="login" name="login" autocomplete="username" required></p>
            <p><label for="password">Mot de passe</label> <input id="password" name="password" type="password" autocomplete="current-password" required></p>
            <p><button type="submit">Se connecter</button></p>
            </form>
            """
        return Layout(title: "Connexion", content: content).render()
    }
}
