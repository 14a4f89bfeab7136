import Metrics
import Prometheus

/// The one Prometheus registry of the test process: swift-metrics is bootstrapped once per process, and every
/// suite of every target runs in this one. Metrics made before the first use of ``registry`` go nowhere, so
/// a test reads only the metrics of applications it built after, and compares values before and after
/// (other suites may count at the same time).
public enum TestMetrics {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The sum of the samples of `name` (every label set) in Prometheus text; nil when there is none.
    public static func value(of name: String, in text: String) -> Double? {
        var total: Double?
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard line.hasPrefix(name + " ") || line.hasPrefix(name + "{"),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            total = (total ?? 0) + value
        }
        return total
    }
}
