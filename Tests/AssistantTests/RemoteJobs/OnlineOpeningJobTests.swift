import CorePlatformAPI
import CoreSeal
import CoreTokens
import Foundation
import TestSupport
import Testing
import X509

@testable import Assistant

/// "Ouvrir en ligne" against the fake platform with real plis sealed for the SoftHSM token's keys: the
/// PIN comes from (scripted) pinentry showing who asks, every plaintext reaches the platform equal to
/// the bidder's original, and nothing decrypted is left on the workstation.
@Suite(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.token), "needs the SoftHSM test token and PKI"))
struct OnlineOpeningJobTests {
    private func pinentry(pin: String, log: URL) throws -> String {
        let fake = TestEnvironment.repositoryRoot.appendingPathComponent("scripts/fixtures/pinentry-fake.sh").path
        let wrapper = log.deletingLastPathComponent().appendingPathComponent("pinentry-\(UUID())").path
        try "#!/bin/sh\nSCEAU_FAKE_PIN='\(pin)' SCEAU_FAKE_PIN_LOG='\(log.path)' exec '\(fake)'\n".write(
            toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        return wrapper
    }

    @Test func theDecryptedFilesReachThePlatformEqualToTheOriginals() async throws {
        let token = try TestEnvironment.token.fixture("SoftHSM token")
        let pki = try TestEnvironment.pkiDirectory.fixture("test PKI")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-open-online-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        // Three plaintexts sealed for the token's RSA and EC keys, as bidders deposit them.
        let originals: [Int64: (name: String, bytes: Data, recipient: String)] = [
            31: ("memoire.pdf", randomBytes(250_000), "enc-rsa"),
            32: ("dc1.xml", randomBytes(3_000), "enc-ec"),
            41: ("prix.xlsx", randomBytes(120_000), "enc-rsa"),
        ]
        let sealed = try await onBlockingThread { () -> [Int64: Data] in
            var sealed: [Int64: Data] = [:]
            for (id, original) in originals {
                let plain = work.appendingPathComponent("\(id).plain")
                let output = work.appendingPathComponent("\(id).p7m")
                try original.bytes.write(to: plain)
                let pem = try String(
                    contentsOf: pki.appendingPathComponent("\(original.recipient).pem"), encoding: .utf8)
                try PliSealer(recipients: [try Certificate(pemEncoded: pem)]).seal(plain, to: output)
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
        let pins = PinentrySource(program: try pinentry(pin: token.pin, log: log))
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
            #expect(
                try String(contentsOf: log, encoding: .utf8).contains(
                    "\(origin) veut ouvrir en ligne les plis de 2026-AO-042"))
            // Nothing decrypted (or sealed) stays in the job's folder; the state says done.
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
}
