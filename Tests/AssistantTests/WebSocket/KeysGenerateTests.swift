import CP11Kit
import CoreProtocol
import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

@testable import Assistant

/// `keys.generate` from a page: the PIN comes from pinentry (scripted here), never from the page.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
struct KeysGenerateTests {
    static let platform = "http://127.0.0.1:8470"

    private func call(pinentry: String, _ request: String) async throws -> JSONRPC.Response? {
        var configuration = try AssistantConfiguration.forTests(paired: [Self.platform])
        configuration.port = try freeLoopbackPort()
        configuration.pinentry = pinentry
        let app = try buildApplication(configuration)
        let port = configuration.port
        return try await withThrowingTaskGroup(of: JSONRPC.Response?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            try await waitForListener(port: port)
            let response = try await onBlockingThread {
                let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
                try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                _ = try client.receiveText()
                try client.sendText(request)
                return try client.receiveText().map {
                    try JSONDecoder().decode(JSONRPC.Response.self, from: Data($0.utf8))
                }
            }
            group.cancelAll()
            return response
        }
    }

    @Test func aPageGetsTheCertificateOfAKeyBornOnTheToken() async throws {
        let token = try TestEnvironment.token.fixture("SoftHSM token")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pinentry-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let name = "Bi-clé page \(UUID().uuidString.prefix(6))"
        let response = try await call(
            pinentry: try FakePinentry.program(answering: token.pin, log: log),
            #"{"jsonrpc":"2.0","id":2,"method":"keys.generate","params":{"token":"\#(token.label)","name":"\#(name)","algorithm":"rsa-2048","days":30}}"#
        )
        let result = try #require(response?.result)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let generated = try decoder.decode(KeysGenerateResult.self, from: JSONEncoder().encode(result))
        let certificate = try Certificate(pemEncoded: generated.certificatePEM)
        #expect(certificate.subject.description.contains(name))
        // The user saw who asked, in the PIN dialog.
        #expect(try String(contentsOf: log, encoding: .utf8).contains("SETDESC \(Self.platform) veut créer le bi-clé"))
        let session = try P11Library.registered().slot(tokenLabel: token.label).openSession(readWrite: true)
        try session.login(pin: token.pin)
        let objects = try session.findObjects([.label(name)])
        #expect(objects.count == 3)
        for object in objects { session.destroyObject(object) }
    }

    @Test func aCancelledPINDialogIsReportedAndNothingIsCreated() async throws {
        let token = try TestEnvironment.token.fixture("SoftHSM token")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pinentry-\(UUID()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        let response = try await call(
            pinentry: try FakePinentry.program(answering: nil, log: log),
            #"{"jsonrpc":"2.0","id":2,"method":"keys.generate","params":{"token":"\#(token.label)","name":"Annulé"}}"#)
        #expect(response?.error?.code == AssistantErrorCode.cancelledByUser)
    }
}
