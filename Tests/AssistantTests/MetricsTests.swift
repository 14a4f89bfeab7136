import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Assistant

/// The assistant's `/metrics` over real HTTP: Prometheus text for Prometheus and curl (no Origin) and the
/// assistant's own page; refused to every other page, paired platforms' included.
struct MetricsTests {
    @Test func metricsAnswerPrometheusTextWithoutAnOrigin() async throws {
        var configuration = try AssistantConfiguration.forTests()
        configuration.metricsRegistry = TestMetrics.registry
        let app = try buildApplication(configuration)
        try await app.test(.live) { client in
            _ = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
            let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
            let text = String(buffer: response.body)
            #expect(TestMetrics.value(of: "sceau_assistant_websocket_sessions", in: text) != nil)
            #expect(TestMetrics.value(of: "sceau_assistant_jobs_running", in: text) != nil)
            #expect(text.contains(#"hb_requests{http_route="/health""#))
            #expect(text.contains("# TYPE http_server_request_duration histogram"))
        }
    }

    @Test func aForeignOriginIsRefused() async throws {
        var configuration = try AssistantConfiguration.forTests(paired: ["https://marches.example.fr"])
        configuration.metricsRegistry = TestMetrics.registry
        let app = try buildApplication(configuration)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            func status(_ headers: HTTPFields) async throws -> HTTPResponse.Status {
                try await client.executeRequest(uri: "/metrics", method: .get, headers: headers, body: nil).status
            }
            #expect(try await status([.origin: "https://evil.example"]) == .forbidden)
            #expect(try await status([.origin: "https://marches.example.fr"]) == .forbidden)
            #expect(try await status([.origin: "null"]) == .forbidden)
            #expect(try await status([.secFetchSite: "cross-site"]) == .forbidden)
            #expect(try await status([.origin: "http://127.0.0.1:\(port)"]) == .ok)
            #expect(try await status([.secFetchSite: "same-origin", .origin: "http://localhost:\(port)"]) == .ok)
        }
    }

    @Test func theOriginRuleKeepsToTheDaemonsOwnPort() {
        #expect(MetricsRoute.permits([:], port: 17420))
        #expect(MetricsRoute.permits([.origin: "http://127.0.0.1:17420"], port: 17420))
        #expect(MetricsRoute.permits([.origin: "http://[::1]:17420"], port: 17420))
        #expect(!MetricsRoute.permits([.origin: "http://127.0.0.1:8080"], port: 17420))
        #expect(!MetricsRoute.permits([.origin: "https://127.0.0.1:17420"], port: 17420))
        #expect(!MetricsRoute.permits([.origin: "http://127.0.0.1.evil.example:17420"], port: 17420))
        var two = HTTPFields()
        two.append(HTTPField(name: .origin, value: "http://127.0.0.1:17420"))
        two.append(HTTPField(name: .origin, value: "https://evil.example"))
        #expect(!MetricsRoute.permits(two, port: 17420))
    }
}
