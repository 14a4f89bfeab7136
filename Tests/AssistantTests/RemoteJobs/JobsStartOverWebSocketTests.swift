import CoreProtocol
import Foundation
import TestSupport
import Testing

@testable import Assistant

/// `jobs.start` from a page of the paired platform, through the daemon: a forged offer gets `-31006`,
/// the real one starts a job that goes on after the page closed, and is listed as done afterwards.
@Suite struct JobsStartOverWebSocketTests {
    private static func request(_ id: Int, _ method: String, _ params: some Encodable) throws -> String {
        let json = String(decoding: try JSONEncoder().encode(params), as: UTF8.self)
        return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(json)}"#
    }

    @Test func aJobStartedByAPageGoesOnAfterThePageClosed() async throws {
        let platform = DownloadJobTests.platform()
        try await platform.serve {
            let origin = await platform.origin
            var configuration = try AssistantConfiguration.forTests(paired: [origin])
            // About two seconds of download: the page is gone long before the end.
            configuration.maxDownloadRate = 250_000
            let settled = configuration
            try await PairingStore(file: configuration.pairingsFile).pair(
                try PlatformOrigin(origin), publicKeyPEM: platform.publicKeyPEM)
            let store = RemoteJobStore(stateDirectory: configuration.stateDirectory)
            defer { try? FileManager.default.removeItem(at: configuration.stateDirectory) }
            let offer = try await platform.offer(kind: .download)
            let forged = try await platform.offer(kind: .download, signer: .init())
            try await withDaemon(settled) { port in
                let replies = try await onBlockingThread { () -> [String] in
                    let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: origin)
                    try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                    _ = try client.receiveText()
                    try client.sendText(
                        try Self.request(
                            2, "jobs.start",
                            JobsStartParams(
                                descriptor: forged.descriptor, signature: forged.signature, jobToken: forged.token)))
                    let refused = try client.receiveText() ?? ""
                    try client.sendText(
                        try Self.request(
                            3, "jobs.start",
                            JobsStartParams(
                                descriptor: offer.descriptor, signature: offer.signature, jobToken: offer.token)))
                    let started = try client.receiveText() ?? ""
                    return [refused, started]
                }
                #expect(replies[0].contains("\(AssistantErrorCode.jobFailed)"), "\(replies[0])")
                #expect(replies[0].contains("not signed by the paired platform"))
                #expect(replies[1].contains(#""jobId":"\#(platform.jobID)""#), "\(replies[1])")
                #expect(replies[1].contains(#""resumed":false"#))
                #expect(try store.load(platform.jobID)?.outcome == .running, "still running when the page left")

                // The page is closed; the job finishes anyway.
                let deadline = Date().addingTimeInterval(60)
                while try store.load(platform.jobID)?.outcome == .running, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(try store.load(platform.jobID)?.outcome == .succeeded)
                let folder = settled.plisFolder.appendingPathComponent("2026-AO-042/pli-1 - Société A/offre")
                #expect(
                    FileManager.default.contents(
                        atPath: folder.appendingPathComponent("memoire technique.pdf.p7m").path)
                        == platform.files[1].bytes)

                // A new page of the origin lists it, done, under the descriptor's id.
                let listed = try await onBlockingThread { () -> String in
                    let client = try RawWebSocketClient(port: port, path: AssistantProtocol.path, origin: origin)
                    try client.sendText(#"{"jsonrpc":"2.0","id":1,"method":"hello"}"#)
                    _ = try client.receiveText()
                    try client.sendText(#"{"jsonrpc":"2.0","id":2,"method":"jobs.list"}"#)
                    return try client.receiveText() ?? ""
                }
                #expect(listed.contains(#""id":"\#(platform.jobID)""#))
                #expect(listed.contains(#""kind":"telechargement""#))
                #expect(listed.contains(#""state":"succeeded""#))
            }
        }
    }
}
