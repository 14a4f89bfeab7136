import CoreModel
import CorePlatformAPI
import CoreSeal
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Synchronization
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Remote jobs on the platform's side (`docs/remote-jobs.md`), through the router as pages and assistants
/// call it, on real sealed plis, on both backends.
extension DatabaseTests {
    struct RemoteJobTests {
        @Test(arguments: StorageBackend.available)
        func jobsAreForAgentsWithTheOpeningRightAfterTheDeadlineOnly(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                // Before the deadline, then after it but before "Ouverture et Analyse": refused.
                try await scenario.base.set(deadline: Timestamp.now() + 3600, state: .openingAndAnalysis)
                #expect(try await scenario.requestJob(.download).status == .forbidden)
                try await scenario.base.set(deadline: Timestamp.now() - 5, state: .consultation)
                #expect(try await scenario.requestJob(.openOnline).status == .forbidden)
                try await scenario.base.set(state: .openingAndAnalysis)

                // A buyer of the same entity sees the consultation but may not open.
                let buyer = try await scenario.admin.decode(
                    APIModels.AgentView.self, .post, "/api/organisations/\(scenario.cityID)/agents",
                    json: APIModels.NewAgent(
                        civility: .monsieur, lastName: "Acheteur", firstName: "Paul", email: "buyer@example.invalid",
                        login: "buyer-a", password: PlatformHarness.password), status: .created)
                let roles = try await scenario.admin.send(
                    .put, "/api/agents/\(buyer.id)/roles/\(scenario.cityID)", json: APIModels.Roles(roles: [.buyer]))
                try #require(roles.status == .noContent)
                let buyerClient = try await AgentClient.signIn(client, login: "buyer-a")
                let refused = try await scenario.requestJob(.download, as: buyerClient)
                #expect(refused.status == .forbidden)
                #expect(String(buffer: refused.body).contains("ouvrir les plis"))
                let page = try await buyerClient.send(.get, "/consultations/\(scenario.consultationID)")
                #expect(page.status == .ok)
                #expect(!String(buffer: page.body).contains("ouvrir-en-ligne"))
                #expect(try await scenario.statuses(as: buyerClient).isEmpty)

                // An agent of another entity does not even learn that the consultation exists.
                _ = try await harness.entity("Ville B", login: "admin-b")
                let stranger = try await AgentClient.signIn(client, login: "admin-b")
                #expect(try await scenario.requestJob(.download, as: stranger).status == .notFound)
                #expect(
                    try await stranger.send(.get, "/api/consultations/\(scenario.consultationID)/jobs").status
                        == .notFound)

                // Without a session: 401; without the CSRF token: 403.
                let anonymous = try await client.executeRequest(
                    uri: "/api/consultations/\(scenario.consultationID)/jobs", method: .post,
                    headers: [.contentType: "application/json"], body: ByteBuffer(string: #"{"kind":"telechargement"}"#)
                )
                #expect(anonymous.status == .unauthorized)
                let forged = try await scenario.admin.send(
                    .post, "/api/consultations/\(scenario.consultationID)/jobs",
                    json: RemoteJobController.NewJob(kind: .download), csrf: false)
                #expect(forged.status == .forbidden)

                // The PRM gets a job, and the page shows the plis and the buttons.
                #expect(try await scenario.requestJob(.download).status == .created)
                let prmPage = String(
                    buffer: try await scenario.admin.send(.get, "/consultations/\(scenario.consultationID)").body)
                for marker in [
                    "id=\"telecharger-plis\"", "id=\"ouvrir-en-ligne\"", "id=\"suivi-jobs\"", "Fermée",
                    "id=\"modele-traitement\"",
                ] {
                    #expect(prmPage.contains(marker), "\(marker)")
                }
                // The job just requested shows with its progress bar, beside the model the script copies.
                #expect(prmPage.components(separatedBy: "<progress class=\"progress\" max=\"100\"").count == 3)
                #expect(prmPage.contains("id=\"etat-assistant\""))
            }
        }

        @Test(arguments: StorageBackend.available)
        func theOfferIsSignedAndDescribesTheStoredPlisChunkByChunk(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (offer, descriptor) = try await scenario.job(.download)
                #expect(descriptor.kind == .download)
                #expect(descriptor.consultation.id == scenario.consultationID)
                #expect(descriptor.consultation.reference == scenario.base.reference)
                #expect(descriptor.chunkSize == 1 << 20)
                #expect(descriptor.tokenExpiresAt == descriptor.issuedAt + 600)
                // The superseded deposit is left out; plis are numbered in deposit order.
                #expect(descriptor.plis.map(\.depositID) == scenario.plis)
                #expect(descriptor.plis.map(\.number) == [1, 2])
                #expect(descriptor.plis[0].envelopes.map(\.kind) == ["candidature", "offre"])
                #expect(descriptor.fileCount == 5)
                #expect(
                    !descriptor.plis.flatMap(\.envelopes).flatMap(\.files).contains {
                        $0.id == scenario.supersededFileID
                    })
                for file in descriptor.plis.flatMap(\.envelopes).flatMap(\.files) {
                    let sample = try #require(scenario.files[file.id])
                    #expect(file.size == Int64(sample.sealed.count))
                    #expect(file.sha256 == RemoteJobScenario.hex(sample.sealed))
                    let expected = stride(from: 0, to: sample.sealed.count, by: descriptor.chunkSize).map {
                        RemoteJobScenario.hex(
                            Array(sample.sealed[$0..<min(sample.sealed.count, $0 + descriptor.chunkSize)]))
                    }
                    #expect(file.chunks == expected)
                }
                #expect(descriptor.plis[0].envelopes[1].files[0].chunks.count == 3)

                // The PEM the command prints is the published one; another key refuses the offer.
                let published = try await scenario.publicKeyPEM()
                let printed = try PlatformSigningKey.loadOrCreate(dataDirectory: harness.dataDirectory).publicKeyPEM
                #expect(printed == published)
                let other = P256.Signing.PrivateKey().publicKey.pemRepresentation
                #expect(throws: PlatformAPI.RemoteJobOfferError.badSignature) {
                    try offer.verifiedDescriptor(publicKeyPEM: other)
                }
                let tampered = PlatformAPI.RemoteJobOffer(
                    descriptor: Data(
                        String(decoding: Data(base64Encoded: offer.descriptor) ?? Data(), as: UTF8.self)
                            .replacingOccurrences(of: "telechargement", with: "ouverture-en-ligne").utf8
                    ).base64EncodedString(), signature: offer.signature, token: offer.token)
                #expect(throws: PlatformAPI.RemoteJobOfferError.badSignature) {
                    try tampered.verifiedDescriptor(publicKeyPEM: published)
                }
                // The key file is private to the platform's user.
                let attributes = try FileManager.default.attributesOfItem(
                    atPath: harness.dataDirectory + "/" + PlatformSigningKey.fileName)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

                let created = try await scenario.journal(.remoteJobCreated, harness: harness)
                #expect(created.count == 1)
                #expect(created.first?.event.details["job"] == descriptor.id)
            }
        }

        /// The assistant relies on the chunks' hashes: a stored file that no longer has its deposited hash is
        /// never described, and the agent is told.
        @Test(arguments: StorageBackend.available)
        func aSealedFileAlteredInStorageIsNeverDescribed(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let sample = try #require(scenario.files(pli: 2, .offer).first)
                let hash = try #require(ContentHash(hex: RemoteJobScenario.hex(sample.sealed)))
                let path = try FileStore(dataDirectory: harness.dataDirectory).path(of: hash)
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                var altered = try Data(contentsOf: URL(fileURLWithPath: path))
                altered[altered.count - 1] ^= 0xff
                try altered.write(to: URL(fileURLWithPath: path))
                let refused = try await scenario.requestJob(.download)
                #expect(refused.status == .conflict)
                let reason = String(buffer: refused.body)
                #expect(
                    reason.contains("du pli 2 ne correspond plus à l&#39;empreinte")
                        || reason.contains(
                            "du pli 2 ne correspond plus à l'empreinte"),
                    "\(reason)")
            }
        }

        @Test(arguments: StorageBackend.available)
        func theTokenIsClaimedOnceBeforeItExpiresForItsOwnJobOnly(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (offerA, jobA) = try await scenario.job(.download)
                let (offerB, jobB) = try await scenario.job(.download)
                let (offerC, jobC) = try await scenario.job(.download)

                // Job B's token presented for job A: refused, and B's token still works afterwards.
                let crossed = try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(jobA.id), offerB.token)
                #expect(crossed.status == .unauthorized)
                #expect(crossed.headers[.wwwAuthenticate] == "Bearer")
                #expect(String(buffer: crossed.body).contains("relancez"))
                let anonymous = try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(jobA.id), nil)
                #expect(anonymous.status == .unauthorized)
                #expect(anonymous.headers[.wwwAuthenticate] == "Bearer")
                #expect(String(buffer: anonymous.body).contains("Authorization: Bearer"))

                let claimed = try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(jobA.id), offerA.token)
                try #require(claimed.status == .ok, "\(String(buffer: claimed.body))")
                let credential = try JSONDecoder().decode(
                    PlatformAPI.RemoteJobCredential.self, from: Data(buffer: claimed.body))
                #expect(credential.expiresAt > Timestamp.now() + 23 * 3600)
                #expect(credential.credential != offerA.token)
                let again = try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(jobA.id), offerA.token)
                #expect(again.status == .unauthorized)
                #expect(
                    try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(jobB.id), offerB.token).status
                        == .ok)

                // Expired: job C's token, ten minutes later.
                try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.update("remote_jobs").set("token_expires_at", to: Timestamp.now() - 1)
                            .where("id", .equal, jobC.id).run()
                    }
                }
                #expect(
                    try await scenario.bearer(.post, PlatformAPI.RemoteJobRoute.claim(jobC.id), offerC.token).status
                        == .unauthorized)

                // The credential serves job A only; the job token is no credential.
                let fileOfA = try #require(jobA.plis.first?.envelopes.first?.files.first)
                #expect(
                    try await scenario.bearer(
                        .get, PlatformAPI.RemoteJobRoute.file(jobA.id, fileOfA.id), credential.credential
                    ).status == .ok)
                #expect(
                    try await scenario.bearer(
                        .get, PlatformAPI.RemoteJobRoute.file(jobB.id, fileOfA.id), credential.credential
                    ).status == .unauthorized)
                #expect(
                    try await scenario.bearer(
                        .post, PlatformAPI.RemoteJobRoute.progress(jobB.id), credential.credential,
                        json: RemoteJobPolicy.initialProgress(.download)
                    ).status == .unauthorized)
                #expect(
                    try await scenario.bearer(.get, PlatformAPI.RemoteJobRoute.file(jobA.id, fileOfA.id), offerA.token)
                        .status == .unauthorized)
                #expect(
                    try await scenario.bearer(.get, PlatformAPI.RemoteJobRoute.file(jobA.id, fileOfA.id), nil).status
                        == .unauthorized)

                // The job routes take no cookie: a session cookie without CSRF token changes nothing, and a
                // foreign Origin is still refused.
                var headers: HTTPFields = [.cookie: scenario.admin.cookie]
                let withCookie = try await scenario.bearer(
                    .post, PlatformAPI.RemoteJobRoute.progress(jobA.id), credential.credential,
                    json: RemoteJobPolicy.initialProgress(.download), headers: headers)
                #expect(withCookie.status == .noContent)
                headers[.origin] = "https://evil.example"
                let foreign = try await scenario.bearer(
                    .post, PlatformAPI.RemoteJobRoute.progress(jobA.id), credential.credential,
                    json: RemoteJobPolicy.initialProgress(.download), headers: headers)
                #expect(foreign.status == .forbidden)
                // …and the pages' routes still demand their CSRF token.
                let forged = try await scenario.admin.send(
                    .post, "/api/consultations/\(scenario.consultationID)/jobs",
                    json: RemoteJobController.NewJob(kind: .download), csrf: false)
                #expect(forged.status == .forbidden)

                #expect(try await scenario.journal(.remoteJobClaimed, harness: harness).count == 2)
            }
        }

        @Test(arguments: StorageBackend.available)
        func rangesServeTheExactBytesAndAreCounted(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (descriptor, credential) = try await scenario.claimedJob(.download)
                let file = descriptor.plis[0].envelopes[1].files[0]
                let sample = try #require(scenario.files[file.id])
                var served: Int64 = 0
                for index in [1, 0, 2, 1] {
                    let range = descriptor.chunkRange(index, ofFileSize: file.size)
                    let response = try await scenario.bearer(
                        .get, PlatformAPI.RemoteJobRoute.file(descriptor.id, file.id), credential,
                        headers: [.range: "bytes=\(range.lowerBound)-\(range.upperBound - 1)"])
                    #expect(response.status == .partialContent)
                    let bytes = Array(response.body.readableBytesView)
                    #expect(bytes == Array(sample.sealed[Int(range.lowerBound)..<Int(range.upperBound)]))
                    #expect(RemoteJobScenario.hex(bytes) == file.chunks[index])
                    #expect(
                        response.headers[.contentRange]
                            == "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(file.size)")
                    served += Int64(bytes.count)
                }
                let whole = try await scenario.bearer(
                    .get, PlatformAPI.RemoteJobRoute.file(descriptor.id, descriptor.plis[1].envelopes[0].files[0].id),
                    credential)
                #expect(whole.status == .ok)
                served += Int64(whole.body.readableBytes)
                #expect(try await scenario.statuses().first { $0.id == descriptor.id }?.bytesServed == served)

                // Files outside the descriptor are not served, and a bad range is refused.
                #expect(
                    try await scenario.bearer(
                        .get, PlatformAPI.RemoteJobRoute.file(descriptor.id, scenario.supersededFileID), credential
                    ).status == .notFound)
                #expect(
                    try await scenario.bearer(
                        .get, PlatformAPI.RemoteJobRoute.file(descriptor.id, file.id), credential,
                        headers: [.range: "bytes=\(file.size)-"]
                    ).status == .rangeNotSatisfiable)

                // The first access of each file is journaled, not each chunk.
                let downloads = try await scenario.journal(.envelopeDownloaded, harness: harness)
                #expect(downloads.count == 2)
                #expect(
                    Set(downloads.map(\.event.subject.id)) == [file.id, descriptor.plis[1].envelopes[0].files[0].id])
            }
        }

        @Test(arguments: StorageBackend.available)
        func progressIsStoredListedAndTheEndJournaledOnce(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (descriptor, credential) = try await scenario.claimedJob(.download)
                let initial = try #require(try await scenario.statuses().first)
                #expect(initial.progress.state == .waiting)
                #expect(initial.requestedBy.contains("Ville A"))
                let running = PlatformAPI.RemoteJobProgress(
                    state: .running, step: 1, stepName: "Récupération des fichiers", percent: 42.5,
                    bytesPerSecond: 1_500_000, detail: "pli 1 sur 2, enveloppe 2 sur 2, fichier 1 sur 1")
                let posted = try await scenario.bearer(
                    .post, PlatformAPI.RemoteJobRoute.progress(descriptor.id), credential, json: running)
                #expect(posted.status == .noContent)
                #expect(try await scenario.statuses().first?.progress == running)
                let invalid = PlatformAPI.RemoteJobProgress(state: .running, step: 1, stepName: "x", percent: 140)
                #expect(
                    try await scenario.bearer(
                        .post, PlatformAPI.RemoteJobRoute.progress(descriptor.id), credential, json: invalid
                    ).status == .badRequest)

                let done = PlatformAPI.RemoteJobProgress(
                    state: .succeeded, step: 3, stepName: "Téléchargement terminé", percent: 100)
                for _ in 0..<2 {
                    #expect(
                        try await scenario.bearer(
                            .post, PlatformAPI.RemoteJobRoute.progress(descriptor.id), credential, json: done
                        ).status == .noContent)
                }
                // A job over keeps its end, stops serving files, and its end is journaled once.
                let late = PlatformAPI.RemoteJobProgress(
                    state: .failed, step: 1, stepName: "x", percent: 1, error: "late")
                _ = try await scenario.bearer(
                    .post, PlatformAPI.RemoteJobRoute.progress(descriptor.id), credential, json: late)
                #expect(try await scenario.statuses().first?.progress == done)
                let file = descriptor.plis[0].envelopes[0].files[0]
                #expect(
                    try await scenario.bearer(.get, PlatformAPI.RemoteJobRoute.file(descriptor.id, file.id), credential)
                        .status == .unauthorized)
                let ended = try await scenario.journal(.remoteJobEnded, harness: harness)
                #expect(ended.count == 1)
                #expect(ended.first?.event.details["state"] == "termine")
            }
        }

        @Test(arguments: StorageBackend.available)
        func releasedKeysOpenAnEnvelopeOnceAllItsFilesAreDecrypted(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (download, downloadCredential) = try await scenario.claimedJob(.download)
                let (job, credential) = try await scenario.claimedJob(.openOnline)
                let application = scenario.files(pli: 1, .application)
                try #require(application.count == 2)
                let kbis = application[0]

                // A download job releases no key.
                let fromDownload = try await scenario.release(
                    try scenario.contentKey(kbis), file: kbis.id, job: download.id, credential: downloadCredential)
                #expect(fromDownload.status == .forbidden)

                // The platform decrypts the file it stores with the key: the plaintext is the bidder's original.
                let decrypted = try await scenario.open(kbis, job: job.id, credential: credential)
                #expect(decrypted.name == "kbis.pdf")
                #expect(decrypted.size == Int64(kbis.plain.count))
                #expect(decrypted.sha256 == RemoteJobScenario.hex(kbis.plain))
                // One file of two: the envelope stays closed, and the page offers no decrypted file yet.
                #expect(!decrypted.envelopeOpened)
                #expect(try await scenario.openings(of: scenario.plis[0])["candidature"] == "fermee")
                let last = try await scenario.open(application[1], job: job.id, credential: credential)
                #expect(last.envelopeOpened)
                #expect(
                    try await scenario.openings(of: scenario.plis[0])
                        == ["candidature": "ouverte-en-ligne", "offre": "fermee"])
                // Releasing again (an assistant restarted meanwhile) answers the same and opens nothing twice.
                #expect(try await scenario.open(application[1], job: job.id, credential: credential) == last)
                let opened = try await scenario.journal(.envelopeOpened, harness: harness)
                #expect(opened.count == 1)
                #expect(opened.first?.event.details["envelope"] == "candidature")
                #expect(opened.first?.event.subject == .deposit(scenario.plis[0]))
                // Each release is journaled once, with the plaintext's hash and never the key.
                let released = try await scenario.journal(.envelopeKeyReleased, harness: harness)
                #expect(released.count == 2)
                #expect(Set(released.map(\.event.subject)) == [.envelope(kbis.id), .envelope(application[1].id)])
                let kbisRelease = released.first { $0.event.subject == .envelope(kbis.id) }
                #expect(kbisRelease?.event.details["sha256"] == RemoteJobScenario.hex(kbis.plain))
                for sample in application {
                    let key = try scenario.contentKey(sample)
                    for entry in released {
                        for value in entry.event.details.values {
                            #expect(!value.contains(key.base64) && !value.contains(key.bytes.hex))
                        }
                    }
                }

                // The entitled agent downloads the decrypted files; others do not.
                let plaintext = try await scenario.admin.send(
                    .get, "/api/deposits/\(scenario.plis[0])/files/\(kbis.id)/plaintext")
                #expect(plaintext.status == .ok)
                #expect(Array(plaintext.body.readableBytesView) == kbis.plain)
                #expect(plaintext.headers[.contentDisposition]?.contains("kbis.pdf") == true)
                let offer = scenario.files(pli: 1, .offer)[0]
                #expect(
                    try await scenario.admin.send(.get, "/api/deposits/\(scenario.plis[0])/files/\(offer.id)/plaintext")
                        .status == .notFound)
                _ = try await harness.entity("Ville B", login: "admin-b")
                let stranger = try await AgentClient.signIn(client, login: "admin-b")
                #expect(
                    try await stranger.send(.get, "/api/deposits/\(scenario.plis[0])/files/\(kbis.id)/plaintext").status
                        == .notFound)
                #expect(try await scenario.journal(.envelopePlaintextDownloaded, harness: harness).count == 1)
                let page = String(
                    buffer: try await scenario.admin.send(.get, "/consultations/\(scenario.consultationID)").body)
                #expect(page.contains("Ouverte en ligne"))
                #expect(page.contains("/api/deposits/\(scenario.plis[0])/files/\(kbis.id)/plaintext"))

                // A new online opening lists only the envelopes still closed.
                let (_, next) = try await scenario.job(.openOnline)
                #expect(next.plis.map { $0.envelopes.map(\.kind) } == [["offre"], ["candidature", "offre"]])

                let verification = try await harness.withDatabase { database in
                    try await database.session { sql in try await JournalRepository(sql: sql).verify() }
                }
                guard case .intact = verification else {
                    Issue.record("journal: \(verification)")
                    return
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func anOnlineOpeningWithNothingLeftIsRefused(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (job, credential) = try await scenario.claimedJob(.openOnline)
                for sample in scenario.files.values where scenario.plis.contains(sample.depositID) {
                    try await scenario.open(sample, job: job.id, credential: credential)
                }
                let refused = try await scenario.requestJob(.openOnline)
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("déjà ouvertes en ligne"))
                #expect(try await scenario.requestJob(.download).status == .created)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theTokenExpiresTenMinutesAfterTheOfferToTheSecond(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let clock = JobClock(Timestamp.now())
                try await harness.withDatabase { database in
                    let service = RemoteJobService(
                        database: database, files: try FileStore(dataDirectory: harness.dataDirectory),
                        signingKey: try PlatformSigningKey.loadOrCreate(dataDirectory: harness.dataDirectory),
                        digests: SealedChunkDigests(), clock: { clock.now })
                    let authority = try await database.session { sql in
                        let agents = AgentRepository(sql: sql)
                        let agent = try #require(try await agents.find(scenario.admin.agentID))
                        return try await agents.authority(of: agent)
                    }
                    func offer() async throws -> (PlatformAPI.RemoteJobOffer, PlatformAPI.RemoteJobDescriptor) {
                        let offer = try await service.create(
                            .download, consultationID: scenario.consultationID, platform: "http://127.0.0.1:8470",
                            requestedBy: "Ville A Admin", by: authority)
                        return (offer, try offer.verifiedDescriptor(publicKeyPEM: service.signingKey.publicKeyPEM))
                    }
                    let (first, firstJob) = try await offer()
                    let (second, secondJob) = try await offer()
                    #expect(firstJob.issuedAt == clock.now)
                    #expect(firstJob.platform == "http://127.0.0.1:8470")
                    clock.advance(599)
                    let credential = try await service.claim(firstJob.id, token: first.token)
                    #expect(credential.expiresAt == clock.now + 24 * 3600)
                    clock.advance(1)
                    await #expect(throws: BearerRefused.invalidToken) {
                        try await service.claim(secondJob.id, token: second.token)
                    }
                    // Listed as cancelled once its token expired unclaimed, saying what to do.
                    let listed = try await service.jobs(of: scenario.consultationID, by: authority)
                    let expired = try #require(listed.first { $0.id == secondJob.id })
                    #expect(expired.progress.state == .cancelled)
                    #expect(expired.progress.error?.contains("relancez") == true)
                    #expect(listed.first { $0.id == firstJob.id }?.progress.state == .waiting)
                    // The credential lasts 24 hours, not a second more.
                    _ = try await service.authenticate(firstJob.id, credential: credential.credential)
                    clock.set(credential.expiresAt)
                    await #expect(throws: BearerRefused.invalidCredential) {
                        try await service.authenticate(firstJob.id, credential: credential.credential)
                    }
                }
            }
        }

        @Test func everyPageProbesTheAssistantWithTheConfiguredPortAndOffersHelp() async throws {
            try await PlatformHarness.run(.sqlite) { harness, client in
                let script = try await client.executeRequest(
                    uri: "/static/assistant.js", method: .get, headers: [:], body: nil)
                #expect(script.status == .ok)
                #expect(script.headers[.contentType]?.hasPrefix("text/javascript") == true)
                let source = String(buffer: script.body)
                #expect(source.contains("var DEFAULT_PORT = 17420;"))
                for call in [
                    "\"hello\"", "\"events.subscribe\"", "\"jobs.start\"", "jobToken: offer.token", "X-CSRF-Token",
                ] {
                    #expect(source.contains(call), "\(call)")
                }
                let home = String(
                    buffer: try await client.executeRequest(uri: "/", method: .get, headers: [:], body: nil).body)
                #expect(home.contains("<script src=\"/static/assistant.js\" defer></script>"))
                #expect(
                    home.contains(
                        "État de l'assistant : <strong id=\"etat-assistant\" class=\"badge badge--neutral\">Hors ligne</strong>"
                    ))
                #expect(home.contains("href=\"/api/platform/signing-key\""))
                #expect(home.contains("sceau-assistant serve"))

                // The key stays the same across starts; a damaged key file is refused, never replaced.
                let first = try PlatformSigningKey.loadOrCreate(dataDirectory: harness.dataDirectory).publicKeyPEM
                #expect(try PlatformSigningKey.loadOrCreate(dataDirectory: harness.dataDirectory).publicKeyPEM == first)
                let damaged = harness.dataDirectory + "/damaged"
                try FileManager.default.createDirectory(atPath: damaged, withIntermediateDirectories: true)
                try Data("not a key".utf8).write(to: URL(fileURLWithPath: damaged + "/" + PlatformSigningKey.fileName))
                #expect(throws: PlatformSigningKeyError.self) {
                    try PlatformSigningKey.loadOrCreate(dataDirectory: damaged)
                }
            }
        }
    }
}

/// A clock the test moves by hand, read by the service as its current time.
private final class JobClock: Sendable {
    private let value: Mutex<Int64>

    init(_ start: Int64) { value = Mutex(start) }

    var now: Int64 { value.withLock { $0 } }

    func set(_ second: Int64) { value.withLock { $0 = second } }

    func advance(_ seconds: Int64) { value.withLock { $0 += seconds } }
}
