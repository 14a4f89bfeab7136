import PlatformKernel

/// « Créer un compte foyer » at the counter (`backoffice/counter-account`): the responsible adult, the address,
/// the e-mail the activation link goes to, the other members one a line; after creation, what was sent.
package struct CounterAccountView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let error: FormError?
    package let action: String
    package let fields: [FormField]
    package let members: FormField
    /// Shown once the account is created.
    package let created: Created?

    package init(
        menu: BackOfficeMenu, csrfToken: String, error: FormError?, action: String, fields: [FormField],
        members: FormField, created: Created?
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.error = error
        self.action = action
        self.fields = fields
        self.members = members
        self.created = created
    }

    package struct Created: Sendable {
        package let number: String
        package let path: String
        package let email: String
        package let mailed: Bool

        package init(number: String, path: String, email: String, mailed: Bool) {
            self.number = number
            self.path = path
            self.email = email
            self.mailed = mailed
        }
    }

    /// What the form posts.
    package struct Form: Decodable, Sendable {
        package var civilite: String?
        package var nom: String?
        package var prenom: String?
        package var email: String?
        package var adresse: String?
        package var membres: String?

        package init(
            civilite: String? = nil, nom: String? = nil, prenom: String? = nil, email: String? = nil,
            adresse: String? = nil, membres: String? = nil
        ) {
            self.civilite = civilite
            self.nom = nom
            self.prenom = prenom
            self.email = email
            self.adresse = adresse
            self.membres = membres
        }
    }

    /// The French labels the service's errors name, by field id.
    package static let fieldIDs = [
        "Civilité": "civilite", "Nom": "nom", "Prénom": "prenom", "E-mail": "email", "e-mail": "email",
        "Adresse": "adresse", CounterAccount.membersField: "membres",
    ]

    package static let path = BackOffice.root + "/guichet/compte-foyer"

    package static func page(
        signedIn: SignedInAgent, form: Form = Form(), error: FormError? = nil, created: Created? = nil
    ) -> Page<CounterAccountView> {
        func field(_ id: String, _ label: String, _ value: String?, type: String = "text", hint: String? = nil)
            -> FormField
        {
            FormField(
                id: id, name: id, label: label, value: value ?? "", control: .input(type: type), required: true,
                hint: hint, error: error?.on(id))
        }
        let fields = [
            FormField(
                id: "civilite", name: "civilite", label: "Civilité du responsable",
                control: .select(
                    SelectOption.list(
                        Civility.allCases.map { ($0.rawValue, $0.rawValue) }, selected: form.civilite,
                        placeholder: "Choisir")),
                required: true, error: error?.on("civilite")),
            field("nom", "Nom du responsable", form.nom),
            field("prenom", "Prénom du responsable", form.prenom),
            field(
                "email", "E-mail du foyer", form.email, type: "email",
                hint: "Le lien d'activation du compte y est envoyé ; il sert aussi à se connecter."),
            field("adresse", "Adresse du foyer", form.adresse),
        ]
        return BackOffice.page(
            "counter-account", title: "Créer un compte foyer", signedIn: signedIn,
            trail: [Breadcrumb("Comptes foyer", HouseholdPages.root), Breadcrumb("Créer un compte foyer")],
            content: CounterAccountView(
                menu: BackOfficeMenu(.households), csrfToken: signedIn.csrfToken, error: error, action: path,
                fields: fields,
                members: FormField(
                    id: "membres", name: "membres", label: "Autres membres du foyer", value: form.membres ?? "",
                    control: .textarea(rows: 4),
                    hint: "Un membre par ligne : civilité ; prénom ; nom ; adulte ou enfant ; date de naissance "
                        + "(aaaa-mm-jj, facultative). Par exemple : M. ; Léo ; Bernard ; enfant ; 2020-05-14",
                    error: error?.on("membres")),
                created: created))
    }
}
