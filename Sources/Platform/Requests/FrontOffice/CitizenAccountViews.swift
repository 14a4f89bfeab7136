import PlatformKernel

/// The household account's public pages: « Créer un compte foyer », the sign-in, the forgotten password and
/// the new password; each a form of ``InputField``s with the refused form's alert.
package struct CitizenAccountView: Sendable {
    package let fields: [InputField]
    package let hasFields: Bool
    /// The registration's second group, « Connexion ».
    package let connectionFields: [InputField]
    package let alert: FormAlert?
    package let notice: String?
    /// The new-password form's one-time token (`jeton`), `""` elsewhere.
    package let token: String

    private init(
        _ fields: [InputField], connection: [InputField] = [], refusal: RefusedForm?, notice: String? = nil,
        token: String = ""
    ) {
        self.fields = fields
        hasFields = !fields.isEmpty
        connectionFields = connection
        alert = InputField.alert(refusal, among: fields + connection)
        self.notice = notice
        self.token = token
    }

    /// What the registration form posts (`POST /citoyen/inscription`).
    package struct Registration: Decodable, Sendable {
        package var civility: String?
        package var lastName: String?
        package var firstName: String?
        package var address: String?
        package var email: String?
        package var password: String?

        package init(
            civility: String? = nil, lastName: String? = nil, firstName: String? = nil, address: String? = nil,
            email: String? = nil, password: String? = nil
        ) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.address = address
            self.email = email
            self.password = password
        }
    }

    package static func registration(_ form: Registration = Registration(), refusal: RefusedForm? = nil)
        -> Page<CitizenAccountView>
    {
        let fields = [
            InputField.civility(selected: form.civility, refusal: refusal),
            InputField(
                "lastName", label: "Nom", value: form.lastName ?? "", autocomplete: "family-name", refusal: refusal,
                errorNames: ["Nom", "Membre du foyer", "Responsable du foyer"]),
            InputField(
                "firstName", label: "Prénom", value: form.firstName ?? "", autocomplete: "given-name",
                refusal: refusal),
            InputField(
                "address", label: "Adresse du foyer", value: form.address ?? "", autocomplete: "street-address",
                hint: "Numéro, rue, code postal et commune.", refusal: refusal, errorNames: ["Adresse"]),
        ]
        let connection = [
            InputField(
                "email", label: "Adresse e-mail", type: "email", value: form.email ?? "", autocomplete: "email",
                hint: "Elle vous sert d'identifiant ; la mairie y écrit au sujet de vos demandes.", refusal: refusal,
                errorNames: ["E-mail"]),
            InputField(
                "password", label: "Mot de passe", type: "password", autocomplete: "new-password",
                hint: "De 8 à 128 caractères. Une phrase de quelques mots est facile à retenir et difficile à deviner.",
                refusal: refusal),
        ]
        return Page(
            "frontoffice/registration", title: "Créer un compte foyer", audience: .citizen,
            section: .citizenRegistration,
            breadcrumbs: [Breadcrumb("Démarches en ligne", "/demarches"), Breadcrumb("Créer un compte foyer")],
            content: CitizenAccountView(fields, connection: connection, refusal: refusal))
    }

    /// What the sign-in form posts (`POST /citoyen/connexion`).
    package struct SignIn: Decodable, Sendable {
        package var email: String?
        package var password: String?

        package init(email: String? = nil, password: String? = nil) {
            self.email = email
            self.password = password
        }
    }

    package static func signIn(email: String = "", refusal: RefusedForm? = nil, notice: String? = nil)
        -> Page<CitizenAccountView>
    {
        let fields = [
            InputField(
                "email", label: "Adresse e-mail", type: "email", value: email, autocomplete: "username",
                refusal: refusal, errorNames: ["E-mail"]),
            InputField(
                "password", label: "Mot de passe", type: "password", autocomplete: "current-password",
                refusal: refusal),
        ]
        return Page(
            "frontoffice/sign-in", title: "Connexion à votre compte foyer", audience: .citizen,
            section: .citizenSignIn,
            breadcrumbs: [Breadcrumb("Démarches en ligne", "/demarches"), Breadcrumb("Se connecter")],
            content: CitizenAccountView(fields, refusal: refusal, notice: notice))
    }

    /// The answer to a registration, the same whether the e-mail was new or already had an account: the sign-in
    /// form with what happens next.
    package static func registered(email: String) -> Page<CitizenAccountView> {
        signIn(
            email: email,
            notice: "Un e-mail de confirmation vous a été envoyé. Si cette adresse n'avait pas encore de compte "
                + "foyer, il est créé : connectez-vous avec le mot de passe choisi. Si elle en avait déjà un, "
                + "connectez-vous avec son mot de passe, ou demandez un nouveau mot de passe.")
    }

    /// What the forgotten-password form posts.
    package struct ForgottenPassword: Decodable, Sendable {
        package var email: String?

        package init(email: String? = nil) {
            self.email = email
        }
    }

    /// « Mot de passe oublié » with its form, or once `sent`, what happens next.
    package static func forgottenPassword(sent: Bool, email: String = "", refusal: RefusedForm? = nil)
        -> Page<CitizenAccountView>
    {
        let fields =
            sent
            ? []
            : [
                InputField(
                    "email", label: "Adresse e-mail de votre compte foyer", type: "email", value: email,
                    autocomplete: "email", refusal: refusal, errorNames: ["E-mail"])
            ]
        return Page(
            "frontoffice/forgotten-password", title: "Mot de passe oublié", audience: .citizen,
            section: .citizenSignIn,
            breadcrumbs: [Breadcrumb("Se connecter", "/citoyen/connexion"), Breadcrumb("Mot de passe oublié")],
            content: CitizenAccountView(
                fields, refusal: refusal,
                notice: sent
                    ? "Si un compte foyer existe pour cette adresse, un e-mail vient de lui être envoyé avec un lien "
                        + "valable une heure pour choisir un nouveau mot de passe. Pensez à regarder dans vos "
                        + "courriers indésirables." : nil))
    }

    /// What the new-password form posts.
    package struct NewPassword: Decodable, Sendable {
        package var jeton: String?
        package var password: String?

        package init(jeton: String? = nil, password: String? = nil) {
            self.jeton = jeton
            self.password = password
        }
    }

    /// « Nouveau mot de passe » from the e-mailed link; a dead link says so and offers a new one.
    package static func newPassword(token: String, live: Bool, refusal: RefusedForm? = nil) -> Page<CitizenAccountView>
    {
        let fields =
            live
            ? [
                InputField(
                    "password", label: "Nouveau mot de passe", type: "password", autocomplete: "new-password",
                    hint: "De 8 à 128 caractères.", refusal: refusal, errorNames: ["Mot de passe"])
            ] : []
        return Page(
            "frontoffice/new-password", title: "Nouveau mot de passe", audience: .citizen, section: .citizenSignIn,
            breadcrumbs: [Breadcrumb("Se connecter", "/citoyen/connexion"), Breadcrumb("Nouveau mot de passe")],
            content: CitizenAccountView(fields, refusal: refusal, token: live ? token : ""))
    }
}
