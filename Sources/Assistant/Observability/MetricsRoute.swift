import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Prometheus

/// `GET /metrics` on the assistant: the Prometheus text of this daemon's metrics. The daemon listens on
/// loopback only and the Host was checked (``LoopbackHostMiddleware``); a browser request must moreover come
/// from the assistant's own page: any other `Origin` (a platform's, paired or not, or any site's) and any
/// cross-site `Sec-Fetch-Site` are refused with 403. Prometheus and curl send neither header.
struct MetricsRoute {
    let registry: PrometheusCollectorRegistry
    /// The daemon's port; 0 (an ephemeral port, in tests) accepts the loopback origins of any port.
    let port: Int

    func register(on router: Router<BasicWebSocketRequestContext>) {
        router.get("metrics") { request, _ -> Response in
            guard Self.permits(request.headers, port: port) else {
                throw HTTPError(.forbidden, message: "The assistant's metrics are not for web pages.")
            }
            var text: [UInt8] = []
            registry.emit(into: &text)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }

    /// Whether a request with `headers` may read the metrics: no `Origin` or exactly the assistant's own
    /// (`http://127.0.0.1:PORT`, `http://localhost:PORT`, `http://[::1]:PORT`), and no cross-site fetch.
    static func permits(_ headers: HTTPFields, port: Int) -> Bool {
        if let site = headers[.secFetchSite], site != "same-origin", site != "none" { return false }
        let origins = headers[values: .origin]
        if origins.isEmpty { return true }
        guard origins.count == 1, let origin = origins.first, origin.hasPrefix("http://") else { return false }
        return LoopbackHostMiddleware<BasicWebSocketRequestContext>.isLoopback(
            String(origin.dropFirst("http://".count)), port: port)
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
