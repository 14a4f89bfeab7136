import CoreModel
import CorePlatformAPI
import CoreSeal
import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

@testable import Assistant

/// "Ouvrir en ligne" against the fake platform with real plis sealed for the SoftHSM token's keys: the
/// assistant fetches only each file's header, the PIN comes from (scripted) pinentry showing who asks, and
/// the content keys it releases let the platform decrypt its own sealed files into the bidder's originals.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token and PKI"))
struct OnlineOpeningJobTests {

    /// Plaintexts sealed for the token's RSA and EC keys, as bidders deposit them, and a platform holding
    /// the sealed files.
    private struct Setup {
        let originals: [Int64: (name: String, bytes: Data)]
        let platform: FakeJobPlatform
        let pins: PinentrySource
        let log: URL
        let token: TestEnvironment.Token
        let pki: URL
    }

    private func setUp(_ work: URL) async throws -> Setup {
        let token = try TestEnvironment.token.fixture("SoftHSM token")
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let plain: [Int64: (name: String, bytes: Data, recipient: String)] = [
            31: ("memoire.pdf", randomBytes(250_000), "enc-rsa"),
            32: ("dc1.xml", randomBytes(3_000), "enc-ec"),
            41: ("prix.xlsx", randomBytes(120_000), "enc-rsa"),
        ]
        let sealed = try await onBlockingThread { () -> [Int64: Data] in
            var sealed: [Int64: Data] = [:]
            for (id, original) in plain {
                let input = work.appendingPathComponent("\(id).plain")
                let output = work.appendingPathComponent("\(id).p7m")
                try original.bytes.write(to: input)
                let pem = try String(
                    contentsOf: pki.appendingPathComponent("\(original.recipient).pem"), encoding: .utf8)
                try PliSealer(recipients: [try Certificate(pemEncoded: pem)]).seal(input, to: output)
                sealed[id] = try Data(contentsOf: output)
            }
            return sealed
        }
        let platform = FakeJobPlatform(files: [
            .init(
                id: 31, pli: 1, company: "Société A", envelope: "offre", name: "memoire.pdf.p7m",
                bytes: sealed[31] ?? Data()),
            .init(
                id: 32, pli: 1, company: "Société A", envelope: "candidature", name: "dc1.xml.p7m",
                bytes: sealed[32] ?? Data()),
            .init(
                id: 41, pli: 2, company: "Entreprise B", envelope: "offre", name: "prix.xlsx.p7m",
                bytes: sealed[41] ?? Data()),
        ])
        let log = work.appendingPathComponent("pinentry.log")
        return Setup(
            originals: plain.mapValues { ($0.name, $0.bytes) }, platform: platform,
            pins: PinentrySource(program: try FakePinentry.program(answering: token.pin, log: log)), log: log,
            token: token, pki: pki)
    }

    @Test func theReleasedKeysOpenThePlatformsFilesIntoTheOriginals() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-open-online-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let setup = try await setUp(work)
        let (platform, originals, pins, log, token) = (
            setup.platform, setup.originals, setup.pins, setup.log, setup.token
        )
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .openOnline), origin: origin, token: token.label, pins: pins)
            #expect(await started.task?.value == .succeeded)
            let job = try #require(await harness.summary(platform.jobID))
            #expect(job.state == .succeeded, "\(job.error ?? "")")
            #expect(job.steps.map(\.name) == PlatformAPI.RemoteJobKind.openOnline.steps)

            let stored = await platform.plaintexts
            #expect(stored.count == 3)
            for (id, original) in originals {
                #expect(stored[id]?.name == original.name)
                #expect(stored[id]?.bytes == original.bytes, "plaintext of file \(id)")
            }
            // Only each file's header was fetched: one range of 16 KiB at most per file.
            #expect(await platform.bytesServed <= 3 * 16 * 1024)
            #expect(await platform.chunksServed.sorted() == ["31/0", "32/0", "41/0"])
            #expect(
                try String(contentsOf: log, encoding: .utf8).contains(
                    "\(origin) veut ouvrir en ligne les plis de 2026-AO-042"))
            // Nothing is left in the job's folder; the state says done.
            let folder = harness.store.directory(platform.jobID).appendingPathComponent("files")
            #expect(!FileManager.default.fileExists(atPath: folder.path))
            let state = try #require(try harness.store.load(platform.jobID))
            #expect(state.outcome == .succeeded)
            #expect(state.files.values.allSatisfy { $0.phase == .done })
            let reports = await platform.progress
            #expect(Set(reports.map(\.step)) == [1, 2, 3, 4])
            #expect(reports.last?.state == .succeeded)
        }
    }

    /// The daemon restarted half way: the PIN is asked again through its own pinentry and only the keys of
    /// the files not opened yet are released; a file already opened is neither fetched nor sent again.
    @Test func aRestartReleasesOnlyTheKeysNotReleasedYet() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-open-resume-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let setup = try await setUp(work)
        let (platform, originals, pins, log, token) = (
            setup.platform, setup.originals, setup.pins, setup.log, setup.token
        )
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            // The state an earlier run left: file 32 opened, the others not yet.
            let offer = try await platform.offer(kind: .openOnline)
            await platform.markClaimed()
            var state = RemoteJobState(
                offer: offer, origin: origin,
                credential: .init(credential: platform.credential, expiresAt: 4_000_000_000), token: token.label)
            state.setPhase(.done, of: 32)
            try harness.store.save(state, id: platform.jobID)

            let service = harness.service()
            #expect(await service.resumeUnfinished(pins: pins).isEmpty)
            let task = try #require(await service.task(platform.jobID))
            #expect(await task.value == .succeeded)
            #expect(await platform.chunksServed.sorted() == ["31/0", "41/0"])
            #expect(await platform.keysReceived.sorted() == [31, 41])
            let stored = await platform.plaintexts
            #expect(Set(stored.keys) == [31, 41])
            #expect(stored[31]?.bytes == originals[31]?.bytes)
            #expect(stored[41]?.bytes == originals[41]?.bytes)
            #expect(
                try String(contentsOf: log, encoding: .utf8).contains(
                    "\(origin) veut ouvrir en ligne les plis de 2026-AO-042"))
            #expect(try harness.store.load(platform.jobID)?.outcome == .succeeded)
        }
    }

    /// A key the platform refuses fails the job with the platform's reason; the key itself appears nowhere:
    /// not in the job's state on disk, not in its error, not in the progress reports.
    @Test func aRefusedKeyFailsTheJobAndTheKeyIsNeverWrittenDown() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-open-refused-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let setup = try await setUp(work)
        let (platform, pins, token) = (setup.platform, setup.pins, setup.token)
        // The content key of file 31 as the PKCS#12 copy of the token's RSA key recovers it.
        let sealed = try #require(platform.files.first { $0.id == 31 }?.bytes)
        let copy = try SoftwareDecryptionKey(
            pkcs12: setup.pki.appendingPathComponent("enc-rsa.p12").path, passphrase: "test1234")
        let header = try PliEnvelope.inspect(firstBytes: Array(sealed.prefix(16 * 1024)))
        let key = try header.contentEncryptionKey(with: [copy])
        await platform.refuseKeys()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .openOnline), origin: origin, token: token.label, pins: pins)
            #expect(await started.task?.value == .failed)
            let error = await harness.summary(platform.jobID)?.error ?? ""
            #expect(error.contains("ne déchiffre pas"), "\(error)")
            #expect(await platform.keysReceived.count == 1)
            #expect(await platform.plaintexts.isEmpty)
            let stateFile = harness.store.directory(platform.jobID).appendingPathComponent("job.json")
            let written = try String(contentsOf: stateFile, encoding: .utf8)
            let reports = await platform.progress.compactMap(\.error).joined(separator: " ")
            for text in [written, error, reports, String(describing: key)] {
                #expect(!text.contains(key.base64) && !text.contains(key.bytes.hex))
            }
            #expect(try harness.store.load(platform.jobID)?.files.values.allSatisfy { $0.phase == .pending } == true)
        }
    }
}
