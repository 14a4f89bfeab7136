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

    /// Makes the chosen format the log's (each line naming `node`, `serve --node-id`), and a Prometheus registry
    /// the metrics' backend, once per process and before anything logs or counts; returns what `/metrics` serves
    /// and to whom.
    func bootstrap(node: String) -> MetricsEndpoint {
        logFormat.bootstrap(metadata: ["node": .string(node)])
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return MetricsEndpoint(
            registry: registry, access: MetricsAccess(allowed: metricsAllow.compactMap(NetworkRange.init)))
    }
}

extension LogFormat: ExpressibleByArgument {}
