import Hummingbird
import PlatformKernel

/// `/espace-agent/demarches/notifications`: the signed-in agent's choice of the back office's mails
/// (detailed, summary, none), stored by ``AgentNotifier``.
package struct NotificationPreferenceController: Sendable {
    package let notifier: AgentNotifier
    /// An SMTP relay is configured.
    package let mailEnabled: Bool

    package init(notifier: AgentNotifier, mailEnabled: Bool) {
        self.notifier = notifier
        self.mailEnabled = mailEnabled
    }

    package static let path = "\(BackOffice.root)/notifications"

    package typealias Context = AgentRequestContext

    package func register(on router: Router<PlatformRequestContext>) {
        let pages = router.group("espace-agent/demarches/notifications", context: Context.self)
        pages.get(use: show)
        pages.post(use: save)
    }

    /// `?enregistre=1` after a change.
    package struct Query: Decodable, Sendable {
        package var enregistre: String?

        package init(enregistre: String? = nil) {
            self.enregistre = enregistre
        }
    }

    @Sendable package func show(_ request: Request, context: Context) async throws -> Page<NotificationPreferenceView> {
        let saved = try URLEncodedFormDecoder.backOfficeQuery(Query.self, from: request).enregistre != nil
        return try await page(notice: saved ? "Votre choix est enregistré." : nil, error: nil, context: context)
    }

    @Sendable package func save(_ request: Request, context: Context) async throws -> Response {
        let form = try await URLEncodedFormDecoder.backOffice(
            NotificationPreferenceView.Form.self, from: request, context: context)
        guard let preference = AgentNotifications.Preference(rawValue: form.choix ?? "") else {
            return try await page(
                notice: nil, error: FormError("Choisissez une des options proposées.", field: "choix-detailed"),
                context: context
            ).response(status: .badRequest, from: request, context: context)
        }
        try await notifier.setPreference(preference, of: context.signedIn.agent.id ?? 0)
        return .redirect(to: "\(Self.path)?enregistre=1", type: .normal)
    }

    private func page(notice: String?, error: FormError?, context: Context) async throws
        -> Page<NotificationPreferenceView>
    {
        NotificationPreferenceView.page(
            signedIn: context.signedIn, preference: try await notifier.preference(of: context.signedIn.agent.id ?? 0),
            mailEnabled: mailEnabled, notice: notice, error: error)
    }
}
