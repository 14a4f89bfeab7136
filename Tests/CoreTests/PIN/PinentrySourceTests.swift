import CoreTokens
import Foundation
import TestSupport
import Testing

/// The Assuan dialogue with a scripted pinentry, in separate processes so each has its own environment.
@Suite(.serialized)
struct PinentrySourceTests {
    let fake = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/fixtures/pinentry-fake.sh").path
    let request = PINRequest(store: "sceau-test", purpose: "https://marches.example.fr veut signer offre.pdf")

    @Test func returnsThePINAndShowsWhoAsks() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pinentry-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let pin = try await withEnvironment(["SCEAU_FAKE_PIN": "12%34\nx", "SCEAU_FAKE_PIN_LOG": log.path]) {
            try await PinentrySource(program: fake).pin(for: request)
        }
        #expect(pin == "12%34\nx")
        let shown = try String(contentsOf: log, encoding: .utf8)
        #expect(shown.contains("SETDESC https://marches.example.fr veut signer offre.pdf%0ASupport : sceau-test"))
        #expect(shown.contains("GETPIN"))
    }

    @Test func cancellingSaysNothingWasDone() async throws {
        await #expect(throws: PINError.cancelled) {
            try await withEnvironment(["SCEAU_FAKE_PIN_CANCEL": "1"]) {
                try await PinentrySource(program: fake).pin(for: request)
            }
        }
    }

    @Test func aMissingProgramIsReported() async throws {
        await #expect(throws: PINError.self) {
            try await PinentrySource(program: "/nonexistent/pinentry").pin(for: request)
        }
    }

    @Test func environmentPINIsGivenOnceOnly() async throws {
        let source = EnvironmentPINSource(variable: "SCEAU_PIN", environment: ["SCEAU_PIN": "1234"])
        #expect(try await source.pin(for: request) == "1234")
        var retry = request
        retry.previousError = "PIN incorrect"
        await #expect(throws: PINError.missingVariable("SCEAU_PIN")) { try await source.pin(for: retry) }
    }

    /// Sets variables for the pinentry child (which inherits them) during `body`, then restores them.
    private func withEnvironment<R>(_ variables: [String: String], _ body: () async throws -> R) async rethrows -> R {
        for (name, value) in variables { setenv(name, value, 1) }
        defer { for name in variables.keys { unsetenv(name) } }
        return try await body()
    }
}
