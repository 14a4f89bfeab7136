import Hummingbird

/// `/espace-agent/demarches/notifications`: the signed-in agent's choice of the back office's mails
/// (detailed, summary, none), stored by ``AgentNotifier``.
struct NotificationPreferenceController: Sendable {
    let notifier: AgentNotifier
    /// An SMTP relay is configured.
    let mailEnabled: Bool

    static let path = "\(BackOffice.root)/notifications"

    func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/notifications")
        pages.get { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let saved = request.uri.queryParameters["enregistre"] != nil
            return try await page(
                signedIn, notice: saved ? "Votre choix est enregistré." : nil, error: nil, status: .ok, request,
                context)
        }
        pages.post { request, context -> Response in
            guard let signedIn = context.agent else { return .redirect(to: "/connexion", type: .found) }
            let form = try await FormFields.read(request, context: context)
            guard let preference = AgentNotifications.Preference(rawValue: form["choix"] ?? "") else {
                return try await page(
                    signedIn, notice: nil, error: "Choisissez une des options proposées.", status: .badRequest,
                    request, context)
            }
            try await notifier.setPreference(preference, of: signedIn.agent.id ?? 0)
            return .redirect(to: "\(Self.path)?enregistre=1", type: .normal)
        }
    }

    private func page(
        _ signedIn: SignedInAgent, notice: String?, error: String?, status: HTTPResponse.Status,
        _ request: Request, _ context: PlatformRequestContext
    ) async throws -> Response {
        var response = try HTML(
            NotificationPreferencePage(
                csrfToken: signedIn.csrfToken, preference: try await notifier.preference(of: signedIn.agent.id ?? 0),
                mailEnabled: mailEnabled, notice: notice, error: error
            ).render()
        ).response(from: request, context: context)
        response.status = status
        return response
    }
}
