import CorePlatformAPI
import CoreProtocol
import Foundation
import Testing

@testable import Assistant

/// "Télécharger les plis chiffrés" against the fake platform: files at their documented place with their
/// exact bytes, chunks checked (fetched again when altered, the job failing when they stay altered), a
/// job resumed from its state fetching only the chunks it lacks, a job cancelled.
@Suite struct DownloadJobTests {
    static func platform() -> FakeJobPlatform {
        FakeJobPlatform(files: [
            .init(
                id: 11, pli: 1, company: "Société A", envelope: "candidature", name: "dc1.pdf.p7m",
                bytes: randomBytes(70_000)),
            .init(
                id: 12, pli: 1, company: "Société A", envelope: "offre", name: "memoire technique.pdf.p7m",
                bytes: randomBytes(300_000)),
            .init(
                id: 21, pli: 2, company: "Bâti/Ouest ../SARL", envelope: "offre", name: "../prix.xlsx.p7m",
                bytes: randomBytes(131_072)),
        ])
    }

    /// Where the download job puts `file`.
    static func destination(_ harness: RemoteJobHarness, _ file: FakeJobPlatform.StoredFile) -> URL {
        destination(harness.plisFolder, file)
    }

    /// Where the download job puts `file` in the plis folder `plis`.
    static func destination(_ plis: URL, _ file: FakeJobPlatform.StoredFile) -> URL {
        let folder = plis.appendingPathComponent("2026-AO-042")
        let company = file.pli == 1 ? "pli-1 - Société A" : "pli-2 - Bâti_Ouest .._SARL"
        let name = file.name == "../prix.xlsx.p7m" ? "_prix.xlsx.p7m" : file.name
        return folder.appendingPathComponent(company).appendingPathComponent(file.envelope)
            .appendingPathComponent(name)
    }

    static func total(_ platform: FakeJobPlatform) -> Int64 {
        platform.files.reduce(0) { $0 + Int64($1.bytes.count) }
    }

    @Test func theSealedFilesLandInThePlisFolderWithTheirExactBytes() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .download), origin: origin, token: nil, pins: NoPINs())
            #expect(started.result == JobsStartResult(jobId: platform.jobID, resumed: false))
            let outcome = await started.task?.value
            #expect(outcome == .succeeded)

            for file in platform.files {
                #expect(FileManager.default.contents(atPath: Self.destination(harness, file).path) == file.bytes)
            }
            let everything = try FileManager.default.subpathsOfDirectory(atPath: harness.plisFolder.path)
            #expect(!everything.contains { $0.hasSuffix(".part") }, "\(everything)")
            #expect(everything.filter { $0.hasSuffix(".p7m") }.count == 3)
            #expect(await platform.bytesServed == Self.total(platform))

            // The job as the page sees it: the descriptor's id, its kind, steps and title.
            let job = try #require(await harness.summary(platform.jobID))
            #expect(job.kind == "telechargement")
            #expect(job.title == "Télécharger les plis chiffrés — 2026-AO-042")
            #expect(job.state == .succeeded)
            #expect(job.steps.map(\.name) == PlatformAPI.RemoteJobKind.download.steps)
            #expect(job.steps.allSatisfy { $0.state == .done })
            // The platform heard each step and the end.
            let reports = await platform.progress
            #expect(Set(reports.map(\.step)) == [1, 2, 3])
            #expect(reports.last?.state == .succeeded)
            #expect(reports.last?.percent == 100)
            #expect(reports.contains { $0.detail == "pli 2 sur 2, enveloppe 1 sur 1, fichier 1 sur 1" })
            #expect(try harness.store.load(platform.jobID)?.outcome == .succeeded)

            // Handed over again, the job is known: nothing is claimed or fetched again.
            let again = try await harness.service().start(
                try await platform.offer(kind: .download), origin: origin, token: nil, pins: NoPINs())
            #expect(again.result.resumed)
            #expect(await platform.claims == 1)
            #expect(await platform.bytesServed == Self.total(platform))
        }
    }

    @Test func aChunkAlteredOnceIsFetchedAgain() async throws {
        let platform = Self.platform()
        await platform.corrupt(file: 12, chunk: 2, .once)
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .download), origin: origin, token: nil, pins: NoPINs())
            #expect(await started.task?.value == .succeeded)
            let file = platform.files[1]
            #expect(FileManager.default.contents(atPath: Self.destination(harness, file).path) == file.bytes)
            #expect(await platform.chunksServed.filter { $0 == "12/2" }.count == 2)
            #expect(await platform.bytesServed == Self.total(platform) + 65_536)
        }
    }

    @Test func aPlatformUnavailableForAMomentIsTriedAgain() async throws {
        let platform = Self.platform()
        await platform.failNextReads(3)
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .download), origin: origin, token: nil, pins: NoPINs())
            #expect(await started.task?.value == .succeeded)
            #expect(await platform.unavailableAnswered == 3)
            #expect(await platform.bytesServed == Self.total(platform))
            for file in platform.files {
                #expect(FileManager.default.contents(atPath: Self.destination(harness, file).path) == file.bytes)
            }
        }
    }

    @Test func aChunkAlwaysAlteredFailsTheJobNamingTheFile() async throws {
        let platform = Self.platform()
        await platform.corrupt(file: 12, chunk: 1, .always)
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .download), origin: origin, token: nil, pins: NoPINs())
            #expect(await started.task?.value == .failed)
            #expect(await platform.chunksServed.filter { $0 == "12/1" }.count == 3)
            let job = try #require(await harness.summary(platform.jobID))
            #expect(job.state == .failed)
            let error = try #require(job.error)
            #expect(
                error.contains("fichier memoire technique.pdf.p7m du pli 1 (Société A) est altéré sur la plateforme"))
            let last = try #require(await platform.progress.last)
            #expect(last.state == .failed)
            #expect(last.error == error)
            #expect(try harness.store.load(platform.jobID)?.outcome == .failed)
            // Never a final file for it.
            #expect(!FileManager.default.fileExists(atPath: Self.destination(harness, platform.files[1]).path))
        }
    }

    @Test func aResumedJobFetchesOnlyTheChunksItLacks() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            // A job claimed by an earlier run that stopped with chunks 0, 1 and 3 of the large file recorded
            // (chunk 4's line cut by the crash) and the small file done; the disk has since lost chunk 3's
            // last byte.
            let offer = try await platform.offer(kind: .download)
            await platform.markClaimed()
            var state = RemoteJobState(
                offer: offer, origin: origin,
                credential: .init(credential: platform.credential, expiresAt: 4_000_000_000), token: nil)
            state.setPhase(.done, of: 11)
            try harness.store.save(state, id: platform.jobID)
            let small = platform.files[0]
            let smallPath = Self.destination(harness, small)
            try FileManager.default.createDirectory(
                at: smallPath.deletingLastPathComponent(), withIntermediateDirectories: true)
            try small.bytes.write(to: smallPath)
            let large = platform.files[1]
            let part = ChunkDownloader.partial(Self.destination(harness, large))
            try FileManager.default.createDirectory(
                at: part.deletingLastPathComponent(), withIntermediateDirectories: true)
            var partial = Data(count: large.bytes.count)
            for chunk in [0, 1, 3] {
                let range = (chunk * 65_536)..<min(large.bytes.count, (chunk + 1) * 65_536)
                partial.replaceSubrange(range, with: large.bytes[range])
            }
            partial[4 * 65_536 - 1] ^= 0xff
            try partial.write(to: part)
            let log = harness.store.directory(platform.jobID).appendingPathComponent("chunks-12.log")
            try Data("0\n1\n3\n4".utf8).write(to: log)

            // The daemon starts again: the job resumes by itself.
            let service = harness.service()
            let refused = await service.resumeUnfinished(pins: NoPINs())
            #expect(refused.isEmpty)
            let task = try #require(await service.task(platform.jobID))
            #expect(await task.value == .succeeded)

            for file in platform.files {
                #expect(FileManager.default.contents(atPath: Self.destination(harness, file).path) == file.bytes)
            }
            let served = await platform.chunksServed
            #expect(!served.contains { $0.hasPrefix("11/") }, "the finished file is not fetched again")
            #expect(
                Set(served.filter { $0.hasPrefix("12/") }) == ["12/2", "12/3", "12/4"],
                "chunks recorded and still right are not fetched again; a recorded chunk the disk lost is")
            let chunk: Int64 = 65_536
            let lastChunk: Int64 = 300_000 - 4 * chunk
            let expected = 2 * chunk + lastChunk + Int64(platform.files[2].bytes.count)
            #expect(await platform.bytesServed == expected)
            #expect(await platform.claims == 0, "a resumed job uses its saved credential")
        }
    }

    @Test func aCredentialThePlatformRefusesFailsTheResumedJobClearly() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .download)
            await platform.markClaimed()
            let state = RemoteJobState(
                offer: offer, origin: origin, credential: .init(credential: "expire", expiresAt: 0), token: nil)
            try harness.store.save(state, id: platform.jobID)
            let service = harness.service()
            #expect(await service.resumeUnfinished(pins: NoPINs()).isEmpty)
            let task = try #require(await service.task(platform.jobID))
            #expect(await task.value == .failed)
            let error = try #require(await harness.summary(platform.jobID)?.error)
            #expect(error.contains("HTTP 401"))
            #expect(error.contains("Relancez le traitement depuis la page de la plateforme"))
            #expect(try harness.store.load(platform.jobID)?.outcome == .failed)
            #expect(await platform.bytesServed == 0)
        }
    }

    @Test func aResumedJobWhosePlatformKeyChangedIsRefused() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .download)
            try harness.store.save(
                RemoteJobState(
                    offer: offer, origin: origin,
                    credential: .init(credential: platform.credential, expiresAt: 4_000_000_000), token: nil),
                id: platform.jobID)
            // The user paired the platform again with another key.
            try await harness.pairings.pair(
                try PlatformOrigin(origin), publicKeyPEM: FakeJobPlatform(files: []).publicKeyPEM)
            let refused = await harness.service().resumeUnfinished(pins: NoPINs())
            #expect(refused[platform.jobID] != nil)
            #expect(try harness.store.load(platform.jobID)?.outcome == .failed)
            #expect(await platform.bytesServed == 0)
        }
    }

    @Test func aCancelledJobStopsAndSaysSo() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            // 100 kB/s: the 500 kB job lasts about five seconds.
            let harness = try await RemoteJobHarness(
                origin: origin, publicKeyPEM: platform.publicKeyPEM, maxDownloadRate: 100_000)
            defer { harness.removeAll() }
            let started = try await harness.service().start(
                try await platform.offer(kind: .download), origin: origin, token: nil, pins: NoPINs())
            try await Task.sleep(for: .milliseconds(800))
            #expect(await harness.registry.cancel(id: platform.jobID, origin: origin))
            #expect(await started.task?.value == .cancelled)
            #expect(await harness.summary(platform.jobID)?.state == .cancelled)
            #expect(await platform.progress.last?.state == .cancelled)
            #expect(await platform.bytesServed < Self.total(platform))
            #expect(try harness.store.load(platform.jobID)?.outcome == .cancelled)
            let left = (try? FileManager.default.subpathsOfDirectory(atPath: harness.plisFolder.path)) ?? []
            #expect(!left.contains { $0.hasSuffix(".part") }, "a cancelled download leaves no partial file")
        }
    }
}
