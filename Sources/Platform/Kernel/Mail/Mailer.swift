/// An e-mail the platform sends: plain text, in French, to one recipient.
package struct MailMessage: Sendable, Equatable {
    package var from: String
    package var to: String
    package var subject: String
    package var body: String

    package init(from: String, to: String, subject: String, body: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
    }
}

/// Sends e-mails: ``SMTPMailer`` through the configured relay; tests record them instead.
package protocol Mailer: Sendable {
    func send(_ message: MailMessage) async throws
}

/// Why an e-mail could not be sent.
package enum MailError: Error, CustomStringConvertible {
    case notConfigured
    case connection(String)
    case refused(command: String, reply: String)

    package var description: String {
        switch self {
        case .notConfigured:
            "Aucun relais SMTP n'est configuré (option --smtp HÔTE:PORT) : l'e-mail n'a pas été envoyé."
        case .connection(let reason): "Le relais SMTP ne répond pas : \(reason)."
        case .refused(let command, let reply): "Le relais SMTP a refusé « \(command) » : \(reply)"
        }
    }
}

/// No relay configured: every send fails with ``MailError/notConfigured`` (the caller decides whether
/// that matters).
package struct UnconfiguredMailer: Mailer {
    package init() {}

    package func send(_ message: MailMessage) async throws { throw MailError.notConfigured }
}
