import CoreProtocol
import Foundation
import TestSupport
import Testing

@testable import Assistant

/// `sign` and `verify` from a page: the file travels in binary frames, the PIN comes from pinentry
/// (scripted here) showing the origin, and the signature comes back in binary frames that openssl
/// accepts; the job is listed with its steps.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token"))
struct SignOverWebSocketTests {
    static let platform = "http://127.0.0.1:8470"

    @Test func aPageSignsAFileAndVerifiesTheSignature() async throws {
        let token = try TestEnvironment.token.fixture("SoftHSM token")
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-ws-sign-\(UUID())")
        try FileManager.default.createDirectory(
            at: work.appendingPathComponent("trust"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.copyItem(
            at: pki.appendingPathComponent("root-ca.pem"), to: work.appendingPathComponent("trust/root-ca.pem"))
        let log = work.appendingPathComponent("pinentry.log")
        var configuration = try AssistantConfiguration.forTests(paired: [Self.platform])
        configuration.port = try freeLoopbackPort()
        configuration.pinentry = try FakePinentry.program(answering: token.pin, log: log)
        configuration.workDirectory = work.appendingPathComponent("jobs")
        configuration.trustDirectory = work.appendingPathComponent("trust")
        let app = try buildApplication(configuration)
        let port = configuration.port
        let document = (0..<2_500_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }

        let (signature, replies) = try await withThrowingTaskGroup(of: ([UInt8], [String])?.self) { group in
            group.addTask {
                try await app.runService(gracefulShutdownSignals: [])
                return nil
            }
            try await waitForListener(port: port)
            let outcome = try await onBlockingThread { () -> ([UInt8], [String]) in
                let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
                try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                _ = try client.receiveText()
                try client.sendText(
                    #"{"jsonrpc":"2.0","id":2,"method":"sign","params":{"format":"cades","token":"\#(token.label)","key":"01","fileName":"offre finale.pdf","size":\#(document.count)}}"#
                )
                // The file in frames of 1 MiB at most.
                var offset = 0
                while offset < document.count {
                    let end = min(offset + (1 << 20), document.count)
                    try client.sendBinary(Array(document[offset..<end]))
                    offset = end
                }
                var received: [UInt8] = []
                var texts: [String] = []
                while let message = try client.receive() {
                    if case .binary(let bytes) = message { received += bytes }
                    if case .text(let text) = message {
                        texts.append(text)
                        if text.contains(#""id":2"#) { break }
                    }
                }
                // Then verify it: the signature, then its content.
                try client.sendText(
                    #"{"jsonrpc":"2.0","id":3,"method":"verify","params":{"fileName":"offre.p7s","size":\#(received.count),"contentName":"offre finale.pdf","contentSize":\#(document.count)}}"#
                )
                try client.sendBinary(received)
                for start in stride(from: 0, to: document.count, by: 1 << 20) {
                    try client.sendBinary(Array(document[start..<min(start + (1 << 20), document.count)]))
                }
                texts.append(try client.receiveText() ?? "")
                try client.sendText(#"{"jsonrpc":"2.0","id":4,"method":"jobs.list"}"#)
                texts.append(try client.receiveText() ?? "")
                return (received, texts)
            }
            group.cancelAll()
            return outcome
        }!

        let signResponse = try JSONDecoder().decode(
            JSONRPC.Response.self, from: Data(try #require(replies.first { $0.contains(#""id":2"#) }).utf8))
        let result = try JSONDecoder().decode(
            SignResult.self, from: JSONEncoder().encode(try #require(signResponse.result)))
        #expect(result.fileName.hasPrefix("offre finale.pdf - "))
        #expect(result.fileName.hasSuffix(" - Signature 1.p7s"))
        #expect(Int(result.size) == signature.count)

        // openssl accepts what came back.
        let signatureFile = work.appendingPathComponent("offre.p7s")
        let content = work.appendingPathComponent("offre.pdf")
        try Data(signature).write(to: signatureFile)
        try Data(document).write(to: content)
        try await run(
            "/usr/bin/openssl",
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", signatureFile.path, "-content", content.path,
                "-CAfile", pki.appendingPathComponent("root-ca.pem").path, "-purpose", "any", "-out", "/dev/null",
            ])
        // The user saw who asked for what.
        #expect(try String(contentsOf: log, encoding: .utf8).contains("veut signer « offre finale.pdf » (CADES)"))
        // The assistant's own verification, against its trust directory.
        let verifyReply = try #require(replies.first { $0.contains(#""id":3"#) })
        #expect(verifyReply.contains(#""verdict":"VALID""#), "\(verifyReply)")
        // Both jobs are listed, done, with their steps; no received file is left behind.
        let jobsReply = try #require(replies.last)
        #expect(jobsReply.contains(#""kind":"sign""#))
        #expect(jobsReply.contains(#""kind":"verify""#))
        #expect(jobsReply.contains("Saisie du code PIN"))
        #expect(!jobsReply.contains(#""state":"running""#))
        let left =
            (try? FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("jobs").path)) ?? []
        #expect(left.isEmpty)
    }

    @Test func aFileLargerThanAllowedIsRefusedBeforeAnyByteIsStored() async throws {
        var configuration = try AssistantConfiguration.forTests(paired: [Self.platform])
        configuration.maximumFileSize = 1000
        try await withDaemon(configuration) { port in
            let reply = try await onBlockingThread {
                let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
                try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                _ = try client.receiveText()
                try client.sendText(
                    #"{"jsonrpc":"2.0","id":2,"method":"sign","params":{"format":"cades","token":"x","key":"01","fileName":"a.pdf","size":5000}}"#
                )
                return try client.receiveText() ?? ""
            }
            #expect(reply.contains("\(AssistantErrorCode.fileTooLarge)"))
        }
    }

    @Test func aFileNameWithAFolderIsRefused() async throws {
        let configuration = try AssistantConfiguration.forTests(paired: [Self.platform])
        try await withDaemon(configuration) { port in
            let reply = try await onBlockingThread {
                let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: Self.platform)
                try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                _ = try client.receiveText()
                try client.sendText(
                    #"{"jsonrpc":"2.0","id":2,"method":"verify","params":{"fileName":"../..","size":5}}"#)
                return try client.receiveText() ?? ""
            }
            #expect(reply.contains("-32602"))
        }
    }
}
