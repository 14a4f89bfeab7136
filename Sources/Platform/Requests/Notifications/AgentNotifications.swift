import PlatformKernel

/// The mails the back office sends agents: a new request in a category they read, and the quality-of-service
/// alerts (urgent, late). Each agent chooses a detailed mail (one line per request, with its link) or a
/// summary (counts only), or none at all. The sending itself is a closure: ``AgentNotifier`` wires it to the
/// platform's `Mailer`.
package struct AgentNotifications: Sendable {
    package typealias Send = @Sendable (_ to: String, _ subject: String, _ body: String) async throws -> Void

    /// How much an agent wants to read; stored, `detailed` unless the agent chose otherwise.
    package enum Preference: String, Codable, CaseIterable, Sendable {
        case detailed
        case summary
        /// "Aucune": no mail at all.
        case off = "none"

        package var label: String {
            switch self {
            case .detailed: "Détaillée"
            case .summary: "Résumé"
            case .off: "Aucune"
            }
        }
    }

    /// Who receives, and how.
    package struct Recipient: Sendable, Equatable {
        package let email: String
        package let preference: Preference

        package init(email: String, preference: Preference) {
            self.email = email
            self.preference = preference
        }
    }

    /// A mail to send.
    package struct Mail: Sendable, Equatable {
        package let to: String
        package let subject: String
        package let body: String

        package init(to: String, subject: String, body: String) {
            self.to = to
            self.subject = subject
            self.body = body
        }
    }

    /// The platform's public origin, for the links to the request pages.
    package let origin: String
    package let send: Send

    package init(origin: String, send: @escaping Send) {
        self.origin = origin
        self.send = send
    }

    /// A request was filed: every recipient is told.
    package func newRequest(_ summary: CitizenRequestService.Summary, to recipients: [Recipient]) async throws {
        for mail in Self.newRequestMails(summary, to: recipients, origin: origin) {
            try await send(mail.to, mail.subject, mail.body)
        }
    }

    /// The requests now urgent or late, per recipient's preference; nothing is sent when there are none.
    package func qualityAlerts(
        urgent: [CitizenRequestService.Summary], late: [CitizenRequestService.Summary],
        to recipients: [Recipient]
    ) async throws {
        for mail in Self.alertMails(urgent: urgent, late: late, to: recipients, origin: origin) {
            try await send(mail.to, mail.subject, mail.body)
        }
    }

    package static func newRequestMails(
        _ summary: CitizenRequestService.Summary, to recipients: [Recipient], origin: String
    )
        -> [Mail]
    {
        let request = summary.request
        let subject = "Nouvelle demande \(request.number) — \(summary.teleserviceName)"
        return recipients.compactMap { recipient -> Mail? in
            switch recipient.preference {
            case .off: nil
            case .detailed:
                Mail(
                    to: recipient.email, subject: subject,
                    body: """
                        Bonjour,

                        Une nouvelle demande est arrivée.

                        \(line(summary, origin: origin))
                        Demandeur : \(request.requesterName)
                        Concerne : \(request.subjectName)

                        \(signature)
                        """)
            case .summary:
                Mail(
                    to: recipient.email, subject: subject,
                    body: """
                        Bonjour,

                        Une nouvelle demande « \(summary.teleserviceName) » est arrivée : voir le tableau de bord, \(origin)/espace-agent/demarches.

                        \(signature)
                        """)
            }
        }
    }

    package static func alertMails(
        urgent: [CitizenRequestService.Summary], late: [CitizenRequestService.Summary], to recipients: [Recipient],
        origin: String
    ) -> [Mail] {
        guard !urgent.isEmpty || !late.isEmpty else { return [] }
        let subject = "Alertes qualité de service : \(late.count) en retard, \(urgent.count) urgente(s)"
        return recipients.compactMap { recipient -> Mail? in
            var body = "Bonjour,\n\n"
            switch recipient.preference {
            case .off: return nil
            case .detailed:
                if !late.isEmpty {
                    body += "Demandes en retard (temps maximum d'instruction dépassé) :\n"
                    body += late.map { "- " + line($0, origin: origin) }.joined(separator: "\n") + "\n\n"
                }
                if !urgent.isEmpty {
                    body += "Demandes urgentes (délai de rappel dépassé) :\n"
                    body += urgent.map { "- " + line($0, origin: origin) }.joined(separator: "\n") + "\n\n"
                }
            case .summary:
                body += "\(late.count) demande(s) en retard et \(urgent.count) demande(s) urgente(s) vous attendent : "
                body += "voir le tableau de bord, \(origin)/espace-agent/demarches.\n\n"
            }
            return Mail(to: recipient.email, subject: subject, body: body + signature)
        }
    }

    private static func line(_ summary: CitizenRequestService.Summary, origin: String) -> String {
        let request = summary.request
        return "\(request.number) — \(summary.teleserviceName) — déposée le "
            + "\(CivilDate(parisTime: request.createdAt).french) — \(origin)/espace-agent/demarches/\(request.id ?? 0)"
    }

    private static let signature = "-- \nSceau, espace agent des démarches"
}
