import CoreModel
import CorePlatformAPI
import CoreSeal
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// « Ouvrir en ligne » bound to the sealed file (issue 15, finding 3): the assistant releases each file's
/// content-encryption key and the platform decrypts the file it stores. Nothing the job's credential sends
/// can make an envelope « Ouverte en ligne » but the right key of a file the job names, after the deadline.
extension DatabaseTests {
    struct OnlineOpeningKeyTests {
        /// The upload of a "decrypted content" is gone: arbitrary bytes no longer open an envelope.
        @Test(arguments: StorageBackend.available)
        func anUploadedPlaintextNoLongerOpensAnEnvelope(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (job, credential) = try await scenario.claimedJob(.openOnline)
                let forged = Array("Offre de l'attaquant : 1 euro.".utf8)
                for sample in scenario.files(pli: 2, .offer) {
                    let base = "/api/jobs/\(job.id)/files/\(sample.id)/plaintext"
                    let announced = try await scenario.bearer(
                        .post, base, credential,
                        json: [
                            "name": "offre.pdf", "size": String(forged.count), "sha256": RemoteJobScenario.hex(forged),
                        ])
                    let chunk = try await scenario.bearer(.put, base + "/chunks/0", credential, bytes: forged)
                    let completed = try await scenario.bearer(.post, base + "/complete", credential)
                    for response in [announced, chunk, completed] {
                        #expect([.notFound, .methodNotAllowed].contains(response.status), "\(response.status)")
                    }
                    #expect(
                        try await scenario.admin.send(
                            .get, "/api/deposits/\(scenario.plis[1])/files/\(sample.id)/plaintext"
                        ).status == .notFound)
                }
                #expect(try await scenario.openings(of: scenario.plis[1])["offre"] == "fermee")
                #expect(try await scenario.journal(.envelopeOpened, harness: harness).isEmpty)
            }
        }

        /// A key that does not decrypt the stored file (random, another file's, of the wrong length, not
        /// base64) is refused: nothing stored, the envelope stays « Fermée », and the refusal never echoes it.
        @Test(arguments: StorageBackend.available)
        func aWrongOrForgedKeyIsRefusedAndNothingIsStored(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (job, credential) = try await scenario.claimedJob(.openOnline)
                let offer = try #require(scenario.files(pli: 2, .offer).first)
                let other = try #require(scenario.files(pli: 2, .application).first)
                var generator = SystemRandomNumberGenerator()
                let random = ContentEncryptionKey(
                    bytes: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
                var flipped = try scenario.contentKey(offer).bytes
                flipped[0] ^= 0x01
                for key in [random, try scenario.contentKey(other), ContentEncryptionKey(bytes: flipped)] {
                    let refused = try await scenario.release(key, file: offer.id, job: job.id, credential: credential)
                    #expect(refused.status == .badRequest, "\(String(buffer: refused.body))")
                    let message = String(buffer: refused.body)
                    #expect(message.contains("ne déchiffre pas"), "\(message)")
                    #expect(!message.contains(key.base64) && !message.contains(key.bytes.hex))
                }
                for body in [
                    ContentEncryptionKey(bytes: Array(repeating: 7, count: 10)).base64, "pas une clé", "",
                ] {
                    let refused = try await scenario.bearer(
                        .post, PlatformAPI.RemoteJobRoute.key(job.id, offer.id), credential,
                        json: PlatformAPI.ContentKeyRelease(contentEncryptionKey: body))
                    #expect(refused.status == .badRequest)
                    #expect(body.isEmpty || !String(buffer: refused.body).contains(body))
                }
                #expect(
                    try await scenario.openings(of: scenario.plis[1]) == ["candidature": "fermee", "offre": "fermee"])
                #expect(
                    try await scenario.admin.send(.get, "/api/deposits/\(scenario.plis[1])/files/\(offer.id)/plaintext")
                        .status == .notFound)
                #expect(try await scenario.journal(.envelopeKeyReleased, harness: harness).isEmpty)
                #expect(try await scenario.journal(.envelopeKeyRefused, harness: harness).count == 3)
                // Nothing decrypted is left in the store's temporary folder either.
                let store = try FileStore(dataDirectory: harness.dataDirectory)
                #expect(try FileManager.default.contentsOfDirectory(atPath: store.temporaryDirectory).isEmpty)
                // The right key then opens it.
                let decrypted = try await scenario.open(offer, job: job.id, credential: credential)
                #expect(decrypted.envelopeOpened)
                let plaintext = try await scenario.admin.send(
                    .get, "/api/deposits/\(scenario.plis[1])/files/\(offer.id)/plaintext")
                #expect(Array(plaintext.body.readableBytesView) == offer.plain)
            }
        }

        /// Keys serve only the files the job's descriptor names: not a superseded deposit's, not an envelope
        /// already open when the job was made, and only with this job's credential.
        @Test(arguments: StorageBackend.available)
        func aKeyForAFileTheJobDoesNotNameIsRefused(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (first, firstCredential) = try await scenario.claimedJob(.openOnline)
                for sample in scenario.files(pli: 2, .application) {
                    try await scenario.open(sample, job: first.id, credential: firstCredential)
                }
                // A second job made once pli 2's « candidature » is open names its « offre » only.
                let (second, credential) = try await scenario.claimedJob(.openOnline)
                let superseded = try #require(scenario.files[scenario.supersededFileID])
                let application = try #require(scenario.files(pli: 2, .application).first)
                for sample in [superseded, application] {
                    let refused = try await scenario.release(
                        try scenario.contentKey(sample), file: sample.id, job: second.id, credential: credential)
                    #expect(refused.status == .notFound, "\(String(buffer: refused.body))")
                }
                // Another job's credential does not reach this job's files.
                let offer = try #require(scenario.files(pli: 2, .offer).first)
                let crossed = try await scenario.release(
                    try scenario.contentKey(offer), file: offer.id, job: second.id, credential: firstCredential)
                #expect(crossed.status == .unauthorized)
                #expect(try await scenario.openings(of: scenario.plis[1])["offre"] == "fermee")
                #expect(try await scenario.journal(.envelopeKeyReleased, harness: harness).count == 1)
            }
        }

        /// The consultation must still allow opening when the key comes: after its deadline, in « Ouverture
        /// et Analyse » (a job made earlier does not carry the right over a deadline moved or a step back).
        @Test(arguments: StorageBackend.available)
        func aKeyBeforeOpeningIsAllowedIsRefused(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await RemoteJobScenario.make(harness, client)
                defer { scenario.base.cleanUp() }
                let (job, credential) = try await scenario.claimedJob(.openOnline)
                let offer = try #require(scenario.files(pli: 2, .offer).first)
                let key = try scenario.contentKey(offer)
                try await scenario.base.set(deadline: Timestamp.now() + 3600)
                let early = try await scenario.release(key, file: offer.id, job: job.id, credential: credential)
                #expect(early.status == .forbidden, "\(String(buffer: early.body))")
                try await scenario.base.set(deadline: Timestamp.now() - 5, state: .consultation)
                let notYet = try await scenario.release(key, file: offer.id, job: job.id, credential: credential)
                #expect(notYet.status == .forbidden, "\(String(buffer: notYet.body))")
                try await scenario.base.set(state: .openingAndAnalysis)
                #expect(try await scenario.openings(of: scenario.plis[1])["offre"] == "fermee")
                #expect(try await scenario.journal(.envelopeKeyReleased, harness: harness).isEmpty)
                // Once allowed again, the same key opens it.
                #expect(try await scenario.open(offer, job: job.id, credential: credential).envelopeOpened)
            }
        }
    }
}
