import PlatformKernel

/// « Mon compte » (`/citoyen/compte`): the account's e-mail and password, changed with the current password.
package struct CitizenAccountSettingsView: Sendable {
    package let fields: [InputField]
    package let alert: FormAlert?
    package let notice: String?
    package let csrfToken: String

    package init(fields: [InputField], alert: FormAlert?, notice: String?, csrfToken: String) {
        self.fields = fields
        self.alert = alert
        self.notice = notice
        self.csrfToken = csrfToken
    }

    /// What « Mon compte » posts (`POST /citoyen/compte`).
    package struct Form: Decodable, Sendable {
        package var email: String?
        package var nouveauMotDePasse: String?
        package var motDePasse: String?

        package init(email: String? = nil, nouveauMotDePasse: String? = nil, motDePasse: String? = nil) {
            self.email = email
            self.nouveauMotDePasse = nouveauMotDePasse
            self.motDePasse = motDePasse
        }
    }

    package static func page(
        _ citizen: SignedInCitizen, email: String, refusal: RefusedForm? = nil, notice: String? = nil
    ) -> Page<CitizenAccountSettingsView> {
        let fields = [
            InputField(
                "email", label: "Adresse e-mail", type: "email", value: email, autocomplete: "email",
                hint: "Votre identifiant de connexion ; la mairie y écrit au sujet de vos demandes.",
                id: "compte-email",
                refusal: refusal, errorNames: ["E-mail"]),
            InputField(
                "nouveauMotDePasse", label: "Nouveau mot de passe (facultatif)", type: "password", required: false,
                autocomplete: "new-password",
                hint: "Laissez vide pour garder votre mot de passe. Sinon, de 8 à 128 caractères ; vos autres "
                    + "sessions seront fermées.",
                id: "compte-nouveau", refusal: refusal, errorNames: ["Nouveau mot de passe"]),
            InputField(
                "motDePasse", label: "Mot de passe actuel", type: "password", autocomplete: "current-password",
                hint: "Pour confirmer que c'est bien vous.", id: "compte-actuel", refusal: refusal),
        ]
        return Page(
            "frontoffice/account", title: "Mon compte", audience: .citizen, section: .citizenSpace,
            breadcrumbs: [Breadcrumb("Mon espace", "/citoyen"), Breadcrumb("Mon compte")], user: citizen.banner,
            content: CitizenAccountSettingsView(
                fields: fields, alert: InputField.alert(refusal, among: fields), notice: notice,
                csrfToken: citizen.csrfToken))
    }
}

/// A member of the household: « Ajouter un membre » on the space, « Modifier » on `/citoyen/membres/{id}`.
package struct CitizenMemberView: Sendable {
    package let name: String
    package let action: String
    package let fields: [InputField]
    package let alert: FormAlert?
    package let csrfToken: String

    package init(name: String, action: String, fields: [InputField], alert: FormAlert?, csrfToken: String) {
        self.name = name
        self.action = action
        self.fields = fields
        self.alert = alert
        self.csrfToken = csrfToken
    }

    /// What a member's form posts.
    package struct Form: Decodable, Sendable {
        package var civility: String?
        package var lastName: String?
        package var firstName: String?
        package var birthDate: String?
        package var role: String?

        package init(
            civility: String? = nil, lastName: String? = nil, firstName: String? = nil, birthDate: String? = nil,
            role: String? = nil
        ) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.birthDate = birthDate
            self.role = role
        }
    }

    /// The member's fields; `role` only for a new member.
    package static func fields(_ form: Form, withRole: Bool, refusal: RefusedForm?) -> [InputField] {
        var fields = [
            InputField.civility(selected: form.civility, refusal: refusal),
            InputField(
                "lastName", label: "Nom", value: form.lastName ?? "", autocomplete: "off", refusal: refusal,
                errorNames: ["Nom", "Membre du foyer"]),
            InputField(
                "firstName", label: "Prénom", value: form.firstName ?? "", autocomplete: "off", refusal: refusal),
            InputField(
                "birthDate", label: "Date de naissance", type: "date", value: form.birthDate ?? "", required: false,
                hint: "Facultative, mais souvent demandée par les démarches (école, cantine…).", refusal: refusal),
        ]
        if withRole {
            fields.append(
                InputField(
                    "role", label: "Il s'agit", value: form.role ?? "child",
                    options: [
                        .init(value: "child", label: "d'un enfant", selected: form.role != "adult"),
                        .init(value: "adult", label: "d'un adulte", selected: form.role == "adult"),
                    ], refusal: refusal, errorNames: ["Rôle"]))
        }
        return fields
    }

    package static func page(
        _ citizen: SignedInCitizen, _ member: HouseholdMember, form: Form? = nil, refusal: RefusedForm? = nil
    )
        -> Page<CitizenMemberView>
    {
        let values =
            form
            ?? Form(
                civility: member.civility.rawValue, lastName: member.lastName, firstName: member.firstName,
                birthDate: member.birthDate?.iso ?? "")
        let fields = fields(values, withRole: false, refusal: refusal)
        return Page(
            "frontoffice/member", title: "Modifier \(member.fullName)", audience: .citizen, section: .citizenSpace,
            breadcrumbs: [Breadcrumb("Mon espace", "/citoyen"), Breadcrumb("Modifier \(member.fullName)")],
            user: citizen.banner,
            content: CitizenMemberView(
                name: member.fullName, action: "/citoyen/membres/\(member.id ?? 0)", fields: fields,
                alert: InputField.alert(refusal, among: fields), csrfToken: citizen.csrfToken))
    }
}
