import CoreModel

/// "Mes notifications par e-mail": the signed-in agent chooses the mails of new requests and quality alerts.
struct NotificationPreferencePage {
    let csrfToken: String
    let preference: AgentNotifications.Preference
    /// An SMTP relay is configured; otherwise the page says that no mail leaves for now.
    let mailEnabled: Bool
    var notice: String?
    var error: String?

    static func description(_ preference: AgentNotifications.Preference) -> String {
        switch preference {
        case .detailed:
            "un e-mail par nouvelle demande, avec son numéro, le demandeur et son lien ; les alertes listent chaque demande urgente ou en retard."
        case .summary:
            "un e-mail court par nouvelle demande et par alerte, sans le détail des demandes : leur nombre et le lien du tableau de bord."
        case .off: "aucun e-mail."
        }
    }

    func render() -> String {
        let choices = AgentNotifications.Preference.allCases.map { choice in
            "<li><label><input type=\"radio\" name=\"choix\" value=\"\(choice.rawValue)\""
                + "\(choice == preference ? " checked" : "")> <strong>\(escapeHTML(choice.label))</strong> : "
                + "\(escapeHTML(Self.description(choice)))</label></li>"
        }.joined(separator: "\n")
        var content = BackOffice.error(error)
        if let notice { content += "<p role=\"status\">\(escapeHTML(notice))</p>" }
        if !mailEnabled {
            content +=
                "<p>Aucun relais SMTP n'est configuré sur cette plateforme : aucun e-mail n'est envoyé pour l'instant.</p>"
        }
        content += """
            <p>Vous recevez un e-mail à chaque nouvelle demande des catégories que vous consultez, et les alertes de qualité de service : demandes devenues urgentes (délai de rappel dépassé) ou en retard (temps maximum d'instruction dépassé).</p>
            <form method="post" action="\(BackOffice.root)/notifications">\(BackOffice.csrf(csrfToken))
            <fieldset><legend>Notifications par e-mail</legend>
            <ul>
            \(choices)
            </ul>
            </fieldset>
            <button type="submit">Enregistrer</button>
            </form>
            """
        return BackOffice.page("Mes notifications par e-mail", content)
    }
}
