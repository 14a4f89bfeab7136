import ArgumentParser
import CoreLogging
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

/// `sceau-assistant serve`: runs the daemon on the loopback interface until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the assistant daemon on 127.0.0.1 (the default when started by the service manager)."
    )

    @Option(help: "TCP port on 127.0.0.1.")
    var port: Int = AssistantConfiguration.defaultPort

    @Option(help: "The pinentry program that asks the user for PINs (default: $SCEAU_PINENTRY, or pinentry).")
    var pinentry: String?

    @Option(help: "The RFC 3161 time-stamping authority for B-T signatures asked by pages (default: $SCEAU_TSA_URL).")
    var tsa: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(help: "Log lines: text (the default) or json (one JSON object a line).")
    var logFormat: LogFormat = .text

    @Option(
        help: ArgumentHelp(
            "Where \"Télécharger les plis chiffrés\" puts the sealed files (default: $XDG_DOWNLOAD_DIR/Sceau, or ~/Téléchargements/Sceau).",
            valueName: "dir"))
    var plisFolder: String?

    @Option(
        help: ArgumentHelp("Cap the download rate of remote jobs (bytes per second).", valueName: "bytes-per-second"))
    var maxDownloadRate: Int?

    /// Accepts the `bench.progress` method of bench/notifications.sh; never for real use.
    @Flag(help: .hidden)
    var bench = false

    func validate() throws {
        if let maxDownloadRate, maxDownloadRate <= 0 {
            throw ValidationError("--max-download-rate must be a positive number of bytes per second.")
        }
    }

    func run() async throws {
        // Once per process, before anything logs or counts (docs/operations.md).
        let process = ProcessInfo.processInfo
        logFormat.bootstrap(metadata: ["node": .string("\(process.hostName):\(process.processIdentifier)")])
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        var configuration = AssistantConfiguration(port: port, logLevel: logLevel)
        configuration.metricsRegistry = registry
        configuration.logRequests = true
        configuration.benchmark = bench
        if let pinentry { configuration.pinentry = pinentry }
        if let tsa { configuration.timestampURL = URL(string: tsa) }
        if let plisFolder {
            configuration.plisFolder = URL(fileURLWithPath: plisFolder, isDirectory: true)
        } else if let chosen = PlisFolderSetting.load(from: configuration.plisFolderFile) {
            configuration.plisFolder = chosen
        }
        configuration.maxDownloadRate = maxDownloadRate
        let app = try buildApplication(configuration)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension LogFormat: ExpressibleByArgument {}
