/// "Mes notifications par e-mail": the signed-in agent chooses the mails of new requests and quality alerts.
struct NotificationPreferenceView: Sendable {
    let menu: BackOfficeMenu
    let csrfToken: String
    let choices: [Choice]
    /// An SMTP relay is configured; otherwise the page says that no mail leaves for now.
    let mailEnabled: Bool
    let notice: String
    let hasNotice: Bool
    let error: FormError?
    let choiceError: String
    let hasChoiceError: Bool

    struct Choice: Sendable {
        let value: String
        let label: String
        let description: String
        let checked: Bool
    }

    /// The form's field.
    struct Form: Decodable, Sendable {
        var choix: String?
    }

    static func description(_ preference: AgentNotifications.Preference) -> String {
        switch preference {
        case .detailed:
            "un e-mail par nouvelle demande, avec son numéro, le demandeur et son lien ; les alertes listent chaque demande urgente ou en retard."
        case .summary:
            "un e-mail court par nouvelle demande et par alerte, sans le détail des demandes : leur nombre et le lien du tableau de bord."
        case .off: "aucun e-mail."
        }
    }

    static func page(
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
