import CorePlatformAPI
import Crypto
import Foundation
import Testing

@testable import Assistant

/// Offers the assistant must refuse before claiming anything: a descriptor signed by another key, one
/// naming another origin, a platform paired without its key, a job token the platform refuses.
@Suite struct RemoteJobOfferTests {
    static func platform() -> FakeJobPlatform {
        FakeJobPlatform(files: [
            .init(
                id: 1, pli: 1, company: "Société A", envelope: "offre", name: "offre.pdf.p7m", bytes: randomBytes(1000))
        ])
    }

    @Test func aDescriptorSignedByAnotherKeyIsRefused() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .download, signer: P256.Signing.PrivateKey())
            let error = await #expect(throws: RemoteJobError.self) {
                try await harness.service().start(offer, origin: origin, token: nil, pins: NoPINs())
            }
            guard case .refused(let message)? = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                return
            }
            #expect(message.contains("not signed by the paired platform"))
            #expect(await platform.claims == 0, "nothing is claimed for a refused offer")
            #expect(harness.store.all().isEmpty)
        }
    }

    @Test func aDescriptorNamingAnotherOriginIsRefused() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .download, platform: "https://autre-plateforme.example.fr")
            let error = await #expect(throws: RemoteJobError.self) {
                try await harness.service().start(offer, origin: origin, token: nil, pins: NoPINs())
            }
            guard case .refused(let message)? = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                return
            }
            #expect(message.contains("https://autre-plateforme.example.fr"))
            #expect(await platform.claims == 0)
        }
    }

    @Test func aPlatformPairedWithoutItsKeyIsRefused() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: nil)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .download)
            let error = await #expect(throws: RemoteJobError.self) {
                try await harness.service().start(offer, origin: origin, token: nil, pins: NoPINs())
            }
            guard case .refused(let message)? = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                return
            }
            #expect(message.contains("--public-key"))
            #expect(await platform.claims == 0)
        }
    }

    @Test func aJobTokenTheplatformRefusesEndsWithItsMessage() async throws {
        let platform = Self.platform()
        try await platform.serve {
            let origin = await platform.origin
            let harness = try await RemoteJobHarness(origin: origin, publicKeyPEM: platform.publicKeyPEM)
            defer { harness.removeAll() }
            let offer = try await platform.offer(kind: .download, token: "jeton-rejoue")
            let error = await #expect(throws: RemoteJobError.self) {
                try await harness.service().start(offer, origin: origin, token: nil, pins: NoPINs())
            }
            guard case .refused(let message)? = error else {
                Issue.record("expected a refusal, got \(String(describing: error))")
                return
            }
            #expect(message.contains("Jeton de traitement invalide, expiré ou déjà utilisé."))
            #expect(await platform.claims == 1)
            #expect(harness.store.all().isEmpty, "a refused job leaves no state")
        }
    }
}
