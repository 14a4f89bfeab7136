import Hummingbird
import Metrics
import PlatformKernel
import Prometheus

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `GET /metrics` serves and to whom: the process's Prometheus registry, which `serve` bootstrapped
/// swift-metrics with, and the access rule (``MetricsAccess``: loopback and `--metrics-allow` only).
package struct MetricsEndpoint: Sendable {
    package var registry: PrometheusCollectorRegistry
    package var access: MetricsAccess

    package init(registry: PrometheusCollectorRegistry, access: MetricsAccess = MetricsAccess()) {
        self.registry = registry
        self.access = access
    }
}

/// `GET /metrics`: the Prometheus text exposition of every metric of this node (docs/operations.md). A
/// client the rule refuses gets 404, as if the route did not exist. The shared storage's free and total
/// bytes are read at each scrape.
package struct MetricsController: Sendable {
    package let endpoint: MetricsEndpoint
    package let dataDirectory: String
    private let availableBytes = Gauge(label: "sceau_storage_available_bytes")
    private let capacityBytes = Gauge(label: "sceau_storage_capacity_bytes")

    package init(endpoint: MetricsEndpoint, dataDirectory: String) {
        self.endpoint = endpoint
        self.dataDirectory = dataDirectory
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("metrics") { request, context -> Response in
            guard endpoint.access.permits(remoteAddress: context.remoteAddress, headers: request.headers) else {
                return Response(status: .notFound)
            }
            var space = statvfs()
            if statvfs(dataDirectory, &space) == 0 {
                availableBytes.record(Double(space.f_bavail) * Double(space.f_frsize))
                capacityBytes.record(Double(space.f_blocks) * Double(space.f_frsize))
            }
            var text: [UInt8] = []
            endpoint.registry.emit(into: &text)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}
