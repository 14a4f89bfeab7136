import PlatformKernel

/// "Mes notifications par e-mail": the signed-in agent chooses the mails of new requests and quality alerts.
package struct NotificationPreferenceView: Sendable {
    package let menu: BackOfficeMenu
    package let csrfToken: String
    package let choices: [Choice]
    /// An SMTP relay is configured; otherwise the page says that no mail leaves for now.
    package let mailEnabled: Bool
    package let notice: String
    package let hasNotice: Bool
    package let error: FormError?
    package let choiceError: String
    package let hasChoiceError: Bool

    package init(
        menu: BackOfficeMenu, csrfToken: String, choices: [Choice], mailEnabled: Bool, notice: String, hasNotice: Bool,
        error: FormError?, choiceError: String, hasChoiceError: Bool
    ) {
        self.menu = menu
        self.csrfToken = csrfToken
        self.choices = choices
        self.mailEnabled = mailEnabled
        self.notice = notice
        self.hasNotice = hasNotice
        self.error = error
        self.choiceError = choiceError
        self.hasChoiceError = hasChoiceError
    }

    package struct Choice: Sendable {
        package let value: String
        package let label: String
        package let description: String
        package let checked: Bool

        package init(value: String, label: String, description: String, checked: Bool) {
            self.value = value
            self.label = label
            self.description = description
            self.checked = checked
        }
    }

    /// The form's field.
    package struct Form: Decodable, Sendable {
        package var choix: String?

        package init(choix: String? = nil) {
            self.choix = choix
        }
    }

    package static func description(_ preference: AgentNotifications.Preference) -> String {
        switch preference {
        case .detailed:
            "un e-mail par nouvelle demande, avec son numéro, le demandeur et son lien ; les alertes listent chaque demande urgente ou en retard."
        case .summary:
            "un e-mail court par nouvelle demande et par alerte, sans le détail des demandes : leur nombre et le lien du tableau de bord."
        case .off: "aucun e-mail."
        }
    }

    package static func page(
        signedIn: SignedInAgent, preference: AgentNotifications.Preference, mailEnabled: Bool, notice: String?,
        error: FormError?
    ) -> Page<NotificationPreferenceView> {
        let reason = error?.on("choix-detailed")
        return BackOffice.page(
            "notifications", title: "Mes notifications par e-mail", signedIn: signedIn,
            trail: [Breadcrumb("Mes notifications par e-mail")],
            content: NotificationPreferenceView(
                menu: BackOfficeMenu(.notifications), csrfToken: signedIn.csrfToken,
                choices: AgentNotifications.Preference.allCases.map { choice in
                    Choice(
                        value: choice.rawValue, label: choice.label, description: description(choice),
                        checked: choice == preference)
                },
                mailEnabled: mailEnabled, notice: notice ?? "", hasNotice: notice != nil, error: error,
                choiceError: reason ?? "", hasChoiceError: reason != nil))
    }
}
