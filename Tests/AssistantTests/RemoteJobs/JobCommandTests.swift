import CorePlatformAPI
import Foundation
import TestSupport
import Testing

/// `sceau-assistant job run|list` as a script runs them against the fake platform: a forged offer is
/// refused with status 3, a download killed (SIGKILL) once its first chunk is served resumes at the next run fetching again at
/// most the chunks that were in flight, and the job is listed as done.
@Suite(.enabled(if: AssistantBinary.built, "needs .build/debug/sceau-assistant"))
struct JobCommandTests {
    static let binary = AssistantBinary.path

    @Test func aJobKilledMidDownloadResumesAtTheNextRun() async throws {
        let platform = DownloadJobTests.platform()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-job-cli-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = [
            "SCEAU_CONFIG_DIR": work.appendingPathComponent("config").path,
            "SCEAU_STATE_DIR": work.appendingPathComponent("state").path,
        ]
        let plis = work.appendingPathComponent("Plis").path
        try await platform.serve {
            let origin = await platform.origin
            let keyFile = work.appendingPathComponent("platform.pem")
            try platform.publicKeyPEM.write(to: keyFile, atomically: true, encoding: .utf8)
            try await run(
                Self.binary, environment: environment, ["pair", origin, "--public-key", keyFile.path, "--yes"])

            let forged = work.appendingPathComponent("forged.json")
            try JSONEncoder().encode(try await platform.offer(kind: .download, signer: .init())).write(to: forged)
            let refused = try await runReturningStatus(
                Self.binary, environment: environment, ["job", "run", "--offer", forged.path, "--plis-folder", plis])
            #expect(refused.status == 3, "\(refused.output)")
            #expect(refused.output.contains("not signed by the paired platform"))

            // 100 kB/s: killed as soon as the first chunk is served, well before the 500 kB are there.
            let offer = work.appendingPathComponent("offer.json")
            try JSONEncoder().encode(try await platform.offer(kind: .download)).write(to: offer)
            let arguments = ["job", "run", "--offer", offer.path, "--plis-folder", plis]
            let first = try DaemonProcess(
                arguments + ["--max-download-rate", "100000"], environment: environment,
                log: work.appendingPathComponent("first.log"))
            _ = try await platform.firstBytesServed()
            await first.kill()
            let servedBeforeKill = await platform.bytesServed
            let total = DownloadJobTests.total(platform)
            #expect(servedBeforeKill > 0)
            #expect(servedBeforeKill < total)

            let resumed = try await runReturningStatus(Self.binary, environment: environment, arguments)
            #expect(resumed.status == 0, "\(resumed.output)")
            #expect(resumed.output.contains("resumed"))
            #expect(resumed.output.contains("[termine]"))
            #expect(await platform.claims == 1, "the credential saved by the killed run serves again")
            // Fetched again: at most the four chunks that were in flight when it was killed.
            #expect(await platform.bytesServed <= total + 4 * 65_536)
            let base = URL(fileURLWithPath: plis).appendingPathComponent("2026-AO-042")
            #expect(
                FileManager.default.contents(
                    atPath: base.appendingPathComponent("pli-1 - Société A/offre/memoire technique.pdf.p7m").path)
                    == platform.files[1].bytes)
            #expect(
                FileManager.default.contents(
                    atPath: base.appendingPathComponent("pli-2 - Bâti_Ouest .._SARL/offre/_prix.xlsx.p7m").path)
                    == platform.files[2].bytes)

            let listed = try await run(Self.binary, environment: environment, ["job", "list"])
            #expect(listed.contains(platform.jobID))
            #expect(listed.contains("telechargement  2026-AO-042  succeeded  3/3"))
        }
    }
}

/// The debug build of `sceau-assistant` the command tests run.
private enum AssistantBinary {
    static let path = TestEnvironment.repositoryRoot.appendingPathComponent(".build/debug/sceau-assistant").path
    static var built: Bool { FileManager.default.isExecutableFile(atPath: path) }
}
