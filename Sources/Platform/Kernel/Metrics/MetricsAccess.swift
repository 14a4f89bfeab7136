import HTTPTypes

/// Who may read the platform's `/metrics`: clients connected from a loopback address, or from a network
/// `serve --metrics-allow` names, and only directly: a request that came through a proxy (it carries
/// `Forwarded`, `X-Forwarded-For` or `X-Real-IP`) is the public's, whatever the proxy's own address.
/// Everyone else gets 404, as if the route did not exist. See docs/operations.md.
package struct MetricsAccess: Sendable, Equatable {
    /// Besides loopback, the networks whose clients may read the metrics (a Prometheus server's).
    package var allowed: [NetworkRange] = []

    package init(allowed: [NetworkRange] = []) {
        self.allowed = allowed
    }

    /// The headers a reverse proxy adds; their presence means the peer is not the client.
    package static let proxyHeaders: [HTTPField.Name] = [
        .init("Forwarded")!, .init("X-Forwarded-For")!, .init("X-Real-IP")!,
    ]

    /// Whether a request from the peer `remoteAddress` (nil when unknown) with `headers` may read the metrics.
    package func permits(remoteAddress: String?, headers: HTTPFields) -> Bool {
        guard let remoteAddress, !Self.proxyHeaders.contains(where: { headers[$0] != nil }) else { return false }
        return (NetworkRange.loopback + allowed).contains { $0.contains(remoteAddress) }
    }
}
