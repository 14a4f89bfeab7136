import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `sceau-platform serve`: migrates the database and serves the platform until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the platform's web server."
    )

    @OptionGroup var storage: StorageOptions

    @Option(help: "Address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "TCP port.")
    var port: Int = PlatformConfiguration.defaultPort

    @Option(help: "RFC 3161 time-stamping service that stamps deposit receipts.")
    var tsa: String?

    @Option(help: "Port of the assistant on agents' workstations, which the pages reach on 127.0.0.1.")
    var assistantPort: Int = PlatformConfiguration.defaultAssistantPort

    @Option(
        help:
            "SMTP relay (HOST:PORT, no authentication) for the citizens' e-mails: forgotten passwords, drafts' deletion notices."
    )
    var smtp: String?

    @Option(help: "The sender address of the platform's e-mails.")
    var mailFrom: String = "ne-pas-repondre@sceau.invalid"

    @Option(
        help: "The address citizens reach the platform at, used in the links of e-mails (default http://HOST:PORT).")
    var publicURL: String?

    @Option(help: "Days a citizen's draft is kept after its last save.")
    var draftDays: Int = 30

    @Option(help: "Days before a draft's deletion its household is told by e-mail.")
    var draftNoticeDays: Int = 7

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var configuration = PlatformConfiguration(
            host: host, port: port, database: try storage.location(), logLevel: logLevel)
        configuration.dataDirectory = storage.dataDir
        configuration.assistantPort = assistantPort
        if let tsa {
            guard let url = URL(string: tsa), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("--tsa must be an http(s) URL.")
            }
            configuration.timestampURL = url
        }
        if let smtp {
            guard let mailer = SMTPMailer(relay: smtp) else { throw ValidationError("--smtp must be HOST:PORT.") }
            configuration.smtp = mailer
        }
        configuration.mailFrom = mailFrom
        configuration.publicURL = publicURL
        guard draftDays > 0, (0..<draftDays).contains(draftNoticeDays) else {
            throw ValidationError("--draft-days must be positive and --draft-notice-days below it.")
        }
        configuration.requests.draftLifetime = Int64(draftDays) * 86_400
        configuration.requests.draftNoticeDays = Int64(draftNoticeDays)
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
