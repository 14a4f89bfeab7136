import CoreModel
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Assistant

typealias BasicRequestContextStub = BasicRequestContext

/// The daemon over real HTTP on an ephemeral loopback port.
struct HealthTests {
    @Test func healthAnswersWithTheVersion() async throws {
        let app = try buildApplication(AssistantConfiguration.forTests())
        try await app.test(.live) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(HealthReport.self, from: Data(buffer: response.body))
                #expect(report.service == "sceau-assistant")
                #expect(report.version == SceauVersion.current)
                #expect(report.status == "ok")
            }
        }
    }

    /// A page whose own name resolves to 127.0.0.1 sends its own name as Host: refused (raw request, not our client).
    @Test func aRebindingHostIsRefused() async throws {
        let app = try buildApplication(AssistantConfiguration.forTests())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let status = try await run(
                "/usr/bin/curl",
                [
                    "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: evil.example:\(port)",
                    "http://127.0.0.1:\(port)/health",
                ])
            #expect(status == "421")
            let loopback = try await run(
                "/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/health"])
            #expect(loopback == "200")
        }
    }
}
