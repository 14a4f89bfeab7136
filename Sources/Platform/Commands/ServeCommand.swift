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
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
