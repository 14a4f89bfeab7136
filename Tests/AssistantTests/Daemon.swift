import Foundation
import TestSupport

@testable import Assistant

/// Runs `body` with a real daemon (the same server as `serve`) on a free port, with `paired` origins.
func withDaemon(paired: [String], _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    try await withDaemon(try AssistantConfiguration.forTests(paired: paired), body)
}

/// Runs `body` with a real daemon of `configuration` on a free port.
func withDaemon(
    _ configuration: AssistantConfiguration, _ body: @escaping @Sendable (Int) async throws -> Void
) async throws {
    var configuration = configuration
    configuration.port = try freeLoopbackPort()
    let app = try buildApplication(configuration)
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService(gracefulShutdownSignals: []) }
        try await waitForListener(port: configuration.port)
        do {
            try await body(configuration.port)
        } catch {
            group.cancelAll()
            throw error
        }
        group.cancelAll()
    }
}
