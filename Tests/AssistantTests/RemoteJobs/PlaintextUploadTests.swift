import CoreModel
import CorePlatformAPI
import Crypto
import Foundation
import Testing

@testable import Assistant

/// The plaintext upload of an online opening resumed after a restart: the file was decrypted and half
/// sent; only the chunks the platform lists as missing are sent, no PIN is asked and nothing fetched.
@Suite struct PlaintextUploadTests {
    @Test func aResumedUploadSendsOnlyTheMissingChunks() async throws {
        let platform = FakeJobPlatform(
            files: [
                .init(
                    id: 7, pli: 1, company: "Société A", envelope: "offre", name: "memoire.pdf.p7m",
                    bytes: Data(count: 10))
            ], plaintextChunkSize: 40_000)
        let plaintext = randomBytes(150_000)
        let sha256 = SHA256.hash(data: plaintext).hex
        let announced = PlatformAPI.NewPlaintext(name: "memoire.pdf", size: 150_000, sha256: sha256)
        await platform.preload(file: 7, announced, bytes: plaintext, received: [0, 2])
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .openOnline)
            await platform.markClaimed()
            var state = RemoteJobState(
                offer: offer, origin: origin,
                credential: .init(credential: platform.credential, expiresAt: 4_000_000_000), token: "sceau-test")
            state.setPhase(.decrypted, of: 7)
            state.files["7"]?.plaintextSize = 150_000
            state.files["7"]?.plaintextSHA256 = sha256
            try harness.store.save(state, id: platform.jobID)
            let plain = try harness.store.workDirectory(platform.jobID).appendingPathComponent("7.plain")
            try plaintext.write(to: plain)

            let service = harness.service()
            #expect(await service.resumeUnfinished(pins: NoPINs()).isEmpty)
            let task = try #require(await service.task(platform.jobID))
            let outcome = await task.value
            let error = await harness.summary(platform.jobID)?.error
            #expect(outcome == .succeeded, "\(error ?? "")")
            #expect(await platform.plaintextChunksReceived.sorted() == ["7/1", "7/3"])
            #expect(await platform.plaintexts[7]?.bytes == plaintext)
            #expect(await platform.plaintexts[7]?.name == "memoire.pdf")
            #expect(await platform.bytesServed == 0)
            #expect(!FileManager.default.fileExists(atPath: plain.path), "the plaintext is deleted once stored")
        }
    }
}
