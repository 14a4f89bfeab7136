import ArgumentParser
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

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        let configuration = PlatformConfiguration(
            host: host, port: port, database: try storage.location(), logLevel: logLevel)
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
