import CoreTokens
import Foundation
import TestSupport
import Testing

/// The Assuan dialogue with a scripted pinentry, each answer written in its own script.
@Suite struct PinentrySourceTests {
    let request = PINRequest(store: "sceau-test", purpose: "https://marches.example.fr veut signer offre.pdf")

    private func scratchLog() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pinentry-\(UUID()).log")
    }

    @Test func returnsThePINAndShowsWhoAsks() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let program = try FakePinentry.program(answering: "12%34\nx'y", log: log)
        let pin = try await PinentrySource(program: program).pin(for: request)
        #expect(pin == "12%34\nx'y")
        let shown = try String(contentsOf: log, encoding: .utf8)
        #expect(shown.contains("SETDESC https://marches.example.fr veut signer offre.pdf%0ASupport : sceau-test"))
        #expect(shown.contains("GETPIN"))
    }

    @Test func cancellingSaysNothingWasDone() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let program = try FakePinentry.program(answering: nil, log: log)
        await #expect(throws: PINError.cancelled) {
            try await PinentrySource(program: program).pin(for: request)
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
}
