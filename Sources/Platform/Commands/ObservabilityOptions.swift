import ArgumentParser
import CoreLogging
import Foundation
import Logging
import Metrics
import PlatformApp
import PlatformKernel
import Prometheus

/// `serve`'s log format and the access to `/metrics` (docs/operations.md).
struct ObservabilityOptions: ParsableArguments {
    @Option(help: "Log lines: text (the default) or json (one JSON object a line, with the node's id).")
    var logFormat: LogFormat = .text

    @Option(
        help: ArgumentHelp(
            "A network whose clients may read /metrics besides loopback (10.0.0.0/8, 2001:db8::/32, one address); repeat for several. Requests through a proxy never may.",
            valueName: "cidr"))
    var metricsAllow: [String] = []

    func validate() throws {
        for text in metricsAllow where NetworkRange(text) == nil {
            throw ValidationError("--metrics-allow \(text): give an IPv4 or IPv6 network as ADDRESS/PREFIX.")
        }
    }

    /// Makes the chosen format the log's, and a Prometheus registry the metrics' backend, once per process
    /// and before anything logs or counts; returns what `/metrics` serves and to whom.
    func bootstrap() -> MetricsEndpoint {
        logFormat.bootstrap(metadata: ["node": .string(nodeID())])
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return MetricsEndpoint(
            registry: registry, access: MetricsAccess(allowed: metricsAllow.compactMap(NetworkRange.init)))
    }
}

/// This node's name in the JSON log lines: the host name and the process id (`web-1:4242`), which tell the
/// nodes of a cluster apart and a restarted node from its previous life.
private func nodeID() -> String {
    "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
}

extension LogFormat: ExpressibleByArgument {}
