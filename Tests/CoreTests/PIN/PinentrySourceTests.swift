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

    @Test func aFileNameCannotDisguiseItselfInTheDialog() async throws {
        let log = scratchLog()
        defer { try? FileManager.default.removeItem(at: log) }
        let program = try FakePinentry.program(answering: "1234", log: log)
        let disguised = PINRequest(
            store: "sceau\u{1B}[2J-test",
            purpose: "https://marches.example.fr veut signer offre\u{202E}fdp.exe\u{2066}\n")
        #expect(disguised.purpose == "https://marches.example.fr veut signer offrefdp.exe")
        #expect(disguised.store == "sceau[2J-test")
        _ = try await PinentrySource(program: program).pin(for: disguised)
        let shown = try String(contentsOf: log, encoding: .utf8)
        #expect(
            shown.contains("SETDESC https://marches.example.fr veut signer offrefdp.exe%0ASupport : sceau[2J-test"))
        #expect(!shown.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || $0.value == 0x1B })
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
