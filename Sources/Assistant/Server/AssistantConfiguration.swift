import Foundation
import Logging
import Prometheus

/// How the daemon runs: where it listens, whom it trusts, how much it logs.
struct AssistantConfiguration: Sendable {
    /// The documented default port of the assistant on 127.0.0.1.
    static let defaultPort = 17420

    var port: Int = defaultPort
    var logLevel: Logger.Level = .info
    /// The paired platform origins.
    var pairingsFile: URL = AssistantPaths.pairings
    /// Where the local page keeps the plis folder the user chose, beside the pairings.
    var plisFolderFile: URL { pairingsFile.deletingLastPathComponent().appendingPathComponent("plis-folder") }
    /// The program that asks the user for PINs on behalf of pages (never the page itself).
    var pinentry: String = ProcessInfo.processInfo.environment["SCEAU_PINENTRY"] ?? "pinentry"
    /// The largest WebSocket message a page may send (JSON-RPC text).
    var maximumMessageSize = 1 << 20
    /// The largest file a page may send to sign or verify.
    var maximumFileSize: Int64 = 4 << 30
    /// Trust anchors of `verify` from pages.
    var trustDirectory: URL = AssistantPaths.trustDirectory
    /// Where received files wait during their job.
    var workDirectory: URL = AssistantPaths.workDirectory
    /// The RFC 3161 time-stamping authority for level B-T signatures asked by pages.
    var timestampURL: URL? = ProcessInfo.processInfo.environment["SCEAU_TSA_URL"].flatMap { URL(string: $0) }
    /// The state of remote jobs (`jobs/<id>/`).
    var stateDirectory: URL = AssistantPaths.stateDirectory
    /// Where "Télécharger les plis chiffrés" puts the sealed files (`serve --plis-folder`).
    var plisFolder: URL = PlisFolderLayout.defaultFolder
    /// The cap on remote jobs' download rate, bytes per second (`serve --max-download-rate`).
    var maxDownloadRate: Int?
    /// Accepts `bench.progress` (`serve --bench`, for bench/notifications.sh); off by default.
    var benchmark = false
    /// The registry `serve` bootstrapped swift-metrics with, served at `/metrics`; nil: no such route.
    var metricsRegistry: PrometheusCollectorRegistry?
    /// Whether every request is logged at `info` (`serve` does).
    var logRequests = false
}
