import Foundation
import TestSupport

@testable import Assistant

/// Runs `body` with a real daemon (the same server as `serve`) on a free port, with `paired` origins.
func withDaemon(paired: [String], _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
    var configuration = try AssistantConfiguration.forTests(paired: paired)
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
