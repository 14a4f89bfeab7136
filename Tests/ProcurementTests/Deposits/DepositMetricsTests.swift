import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import TestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement

/// `/metrics` over real HTTP on loopback: Prometheus text that counts a deposit's chunk and labels requests by
/// route pattern, never by raw path; refused to a request that came through a proxy.
struct DepositMetricsTests {
    @Test func metricsCountADepositChunkAndLabelRoutesByPattern() async throws {
        try await PlatformHarness.run(.sqlite, testing: .live, configure: Self.withMetrics) { harness, client in
            let scenario = try await DepositScenario.make(harness, client)
            defer { scenario.cleanUp() }
            let before = try await Self.scrape(client)
            let deposit = try await scenario.bidder.startDeposit(scenario.reference)
            try await scenario.bidder.upload(deposit, .application, "DC1.pdf.p7m", try scenario.sealed(size: 1000))
            let after = try await Self.scrape(client)

            func grew(_ name: String, by least: Double) -> Bool {
                guard let now = TestMetrics.value(of: name, in: after) else { return false }
                return now >= (TestMetrics.value(of: name, in: before) ?? 0) + least
            }
            #expect(grew("sceau_deposits_started_total", by: 1))
            #expect(grew("sceau_deposit_chunks_acknowledged_total", by: 1))
            #expect(grew("sceau_deposit_bytes_acknowledged_total", by: 1000))
            #expect(grew("sceau_database_sessions_total", by: 1))
            #expect(TestMetrics.value(of: "sceau_deposit_chunks_in_flight", in: after) != nil)
            #expect((TestMetrics.value(of: "sceau_storage_capacity_bytes", in: after) ?? 0) > 0)
            // Latency histograms per route pattern: the chunk's route, not its path with the deposit's id.
            #expect(after.contains("# TYPE http_server_request_duration histogram"))
            #expect(
                after.contains(
                    #"http_server_request_duration_bucket{http_route="/api/deposits/{id}/files/{file}/chunks/{index}""#)
            )
            #expect(!after.contains("/api/deposits/\(deposit)/"))
        }
    }

    @Test func metricsAreRefusedThroughAProxy() async throws {
        try await PlatformHarness.run(.sqlite, testing: .live, configure: Self.withMetrics) { _, client in
            let direct = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(direct.status == .ok)
            for header in ["X-Forwarded-For", "Forwarded", "X-Real-IP"] {
                let proxied = try await client.executeRequest(
                    uri: "/metrics", method: .get, headers: [HTTPField.Name(header)!: "203.0.113.7"], body: nil)
                #expect(proxied.status == .notFound, "\(header)")
            }
        }
    }

    @Test func withoutARegistryThereIsNoMetricsRoute() async throws {
        try await PlatformHarness.run(.sqlite, testing: .live) { _, client in
            let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
            #expect(response.status == .notFound)
        }
    }

    /// `/metrics` on, over the test process's registry.
    private static let withMetrics: @Sendable (inout PlatformConfiguration) -> Void = {
        $0.metrics = MetricsEndpoint(registry: TestMetrics.registry)
    }

    private static func scrape(_ client: any TestClientProtocol) async throws -> String {
        let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
        try #require(response.status == .ok)
        #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
        return String(buffer: response.body)
    }
}
