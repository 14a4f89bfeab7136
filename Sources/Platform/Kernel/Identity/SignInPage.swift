import Hummingbird

/// A sign-in form: the agents' "Connexion", or the companies' with a link to register.
package struct SignInView: Sendable {
    package let heading: String
    package let action: String
    package let error: String?
    package let login: String
    /// The companies' "Pas encore de compte ?" link.
    package let registration: Link?
    /// The agents' « Mot de passe oublié ? » link.
    package let forgottenPassword: String?
    /// Shown when a page signed the user out after their idle time (`?fin=inactivite`).
    package let sessionEnded: String?

    package init(
        heading: String, action: String, error: String?, login: String, registration: Link?,
        forgottenPassword: String? = nil, sessionEnded: Bool = false
    ) {
        self.heading = heading
        self.action = action
        self.error = error
        self.login = login
        self.registration = registration
        self.forgottenPassword = forgottenPassword
        self.sessionEnded = sessionEnded ? Self.sessionEndedNotice : nil
    }

    package static let sessionEndedNotice =
        "Votre session s'est terminée après une période d'inactivité. Connectez-vous à nouveau pour continuer."

    /// Whether the sign-in page was reached by a page's automatic sign-out (`sceau.js`).
    package static func endedByInactivity(_ request: Request) -> Bool {
        request.uri.queryParameters.get("fin") == "inactivite"
    }

    package struct Link: Sendable {
        package let label: String
        package let path: String

        package init(label: String, path: String) {
            self.label = label
            self.path = path
        }
    }

    /// The agents' sign-in page.
    package static func agent(error: String?, login: String = "", sessionEnded: Bool = false) -> Page<SignInView> {
        Page(
            "web/sign-in", title: "Connexion", audience: .agent, section: .agentSpace,
            content: SignInView(
                heading: "Connexion à l'espace agent", action: "/connexion", error: error, login: login,
                registration: nil, forgottenPassword: "/connexion/mot-de-passe-oublie", sessionEnded: sessionEnded))
    }

    /// The companies' sign-in page.
    package static func company(error: String?, login: String = "", sessionEnded: Bool = false) -> Page<SignInView> {
        Page(
            "web/sign-in", title: "Espace entreprise", audience: .company, section: .companySpace,
            content: SignInView(
                heading: "Espace entreprise — connexion", action: "/entreprise/connexion", error: error,
                login: login,
                registration: Link(label: "Inscrire votre entreprise", path: "/entreprise/inscription"),
                sessionEnded: sessionEnded))
    }
}
