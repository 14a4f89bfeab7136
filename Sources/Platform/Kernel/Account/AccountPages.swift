/// What `account/account.mustache` shows: « Mon compte », the agent's coordinates and the password change,
/// each form with its refusal beside the field it names.
package struct AccountView: Sendable {
    package let csrfToken: String
    package let login: String
    package let notice: String
    package let hasNotice: Bool
    package let coordinatesError: String
    package let hasCoordinatesError: Bool
    package let passwordError: String
    package let hasPasswordError: Bool
    package let civility: SelectInputModel
    package let lastName: TextInputModel
    package let firstName: TextInputModel
    package let email: TextInputModel
    package let currentPassword: TextInputModel
    package let newPassword: TextInputModel
    package let confirmation: TextInputModel
    /// « Mes alertes électroniques »: one checkbox per kind the platform sends.
    package let alerts: [Alert]
    package let hasAlerts: Bool
    package let alertsError: String
    package let hasAlertsError: Bool

    /// Which form a refusal is about.
    package enum Form: Sendable { case coordinates, password, alerts }

    /// One alert's checkbox.
    package struct Alert: Sendable {
        package let id: String
        package let value: String
        package let label: String
        package let checked: Bool
    }

    /// The values shown in the coordinates form.
    package struct Coordinates: Sendable {
        package var civility: String
        package var lastName: String
        package var firstName: String
        package var email: String

        package init(civility: String, lastName: String, firstName: String, email: String) {
            self.civility = civility
            self.lastName = lastName
            self.firstName = firstName
            self.email = email
        }

        package init(_ agent: Agent) {
            self.init(
                civility: agent.civility.rawValue, lastName: agent.lastName, firstName: agent.firstName,
                email: agent.email)
        }
    }

    package init(
        signedIn: SignedInAgent, coordinates: Coordinates, alerts: [(kind: AgentAlertKind, chosen: Bool)] = [],
        notice: String?, refusal: (Form, FormRefusal)?
    ) {
        let coordinatesRefusal = refusal?.0 == .coordinates ? refusal?.1 : nil
        let passwordRefusal = refusal?.0 == .password ? refusal?.1 : nil
        csrfToken = signedIn.csrfToken
        login = signedIn.agent.login
        self.notice = notice ?? ""
        hasNotice = notice != nil
        coordinatesError = coordinatesRefusal?.message ?? ""
        hasCoordinatesError = coordinatesRefusal != nil
        passwordError = passwordRefusal?.message ?? ""
        hasPasswordError = passwordRefusal != nil
        let alertsRefusal = refusal?.0 == .alerts ? refusal?.1 : nil
        self.alerts = alerts.enumerated().map { index, alert in
            Alert(id: "alerte-\(index + 1)", value: alert.kind.id, label: alert.kind.label, checked: alert.chosen)
        }
        hasAlerts = !alerts.isEmpty
        alertsError = alertsRefusal?.message ?? ""
        hasAlertsError = alertsRefusal != nil
        civility = SelectInputModel(
            id: "civilite", name: "civility", label: "Civilité",
            options: Civility.allCases.map { ($0.rawValue, $0.rawValue) }, selected: coordinates.civility,
            required: true, error: coordinatesRefusal?.error(for: ["civilité"]))
        lastName = TextInputModel(
            id: "nom", name: "lastName", label: "Nom", value: coordinates.lastName, required: true,
            error: coordinatesRefusal?.error(for: ["nom"]), maxLength: Agent.maximumNameLength,
            autocomplete: "family-name")
        firstName = TextInputModel(
            id: "prenom", name: "firstName", label: "Prénom", value: coordinates.firstName, required: true,
            error: coordinatesRefusal?.error(for: ["prénom"]), maxLength: Agent.maximumNameLength,
            autocomplete: "given-name")
        email = TextInputModel(
            id: "email", name: "email", label: "Adresse électronique", type: "email", value: coordinates.email,
            required: true, hint: "Les alertes et les liens « Mot de passe oublié » y sont envoyés.",
            error: coordinatesRefusal?.error(for: ["e-mail", "email", "adresse électronique"]), autocomplete: "email")
        currentPassword = TextInputModel(
            id: "mot-de-passe-actuel", name: "current", label: "Mot de passe actuel", type: "password",
            required: true, error: passwordRefusal?.error(for: ["mot de passe actuel"]),
            autocomplete: "current-password")
        newPassword = TextInputModel(
            id: "nouveau-mot-de-passe", name: "new", label: "Nouveau mot de passe", type: "password", required: true,
            hint: "Entre \(PasswordPolicy.lengths.lowerBound) et \(PasswordPolicy.lengths.upperBound) caractères.",
            error: passwordRefusal?.error(for: ["nouveau mot de passe", "mot de passe"]),
            autocomplete: "new-password")
        confirmation = TextInputModel(
            id: "confirmation", name: "confirmation", label: "Confirmation du nouveau mot de passe",
            type: "password", required: true, error: passwordRefusal?.error(for: ["confirmation"]),
            autocomplete: "new-password")
    }
}

/// What `account/forgotten.mustache` and `account/new-password.mustache` show; their forms carry the token of a
/// session the browser may hold (`web/form-token`).
package struct PasswordResetView: Sendable {
    /// The link's token, carried by the new password's form.
    package let token: String
    package let sent: Bool
    package let done: Bool
    package let linkValid: Bool
    package let error: String
    package let hasError: Bool
    package let loginOrEmail: TextInputModel
    package let newPassword: TextInputModel
    package let confirmation: TextInputModel

    package init(
        token: String = "", sent: Bool = false, done: Bool = false, linkValid: Bool = true,
        loginOrEmail: String = "", refusal: FormRefusal? = nil
    ) {
        self.token = token
        self.sent = sent
        self.done = done
        self.linkValid = linkValid
        error = refusal?.message ?? ""
        hasError = refusal != nil
        self.loginOrEmail = TextInputModel(
            id: "identifiant", name: "loginOrEmail", label: "Identifiant ou adresse électronique",
            value: loginOrEmail, required: true, error: refusal?.error(for: ["identifiant"]), autocomplete: "username")
        newPassword = TextInputModel(
            id: "nouveau-mot-de-passe", name: "new", label: "Nouveau mot de passe", type: "password", required: true,
            hint: "Entre \(PasswordPolicy.lengths.lowerBound) et \(PasswordPolicy.lengths.upperBound) caractères.",
            error: refusal?.error(for: ["nouveau mot de passe"]), autocomplete: "new-password")
        confirmation = TextInputModel(
            id: "confirmation", name: "confirmation", label: "Confirmation du nouveau mot de passe",
            type: "password", required: true, error: refusal?.error(for: ["confirmation"]),
            autocomplete: "new-password")
    }
}
