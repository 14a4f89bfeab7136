import CorePlatformAPI
import Crypto
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

/// The company's "Déposer" through its assistant, on both backends: the signed offer, the one-time token,
/// and the credential standing for the company on the deposit API of that consultation only.
extension DatabaseTests {
    struct DepositJobTests {
        @Test(arguments: StorageBackend.available)
        func aDepositJobsCredentialDepositsForTheCompanyOnce(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let path = "/api/public/consultations/\(scenario.reference)/deposit-jobs"
                let anonymous = try await client.executeRequest(uri: path, method: .post, headers: [:], body: nil)
                #expect(anonymous.status == .unauthorized)

                let offer = try await scenario.bidder.decode(
                    PlatformAPI.RemoteJobOffer.self, .post, path, status: .created)
                let key = try await client.executeRequest(
                    uri: "/api/platform/signing-key", method: .get, headers: [:], body: nil)
                let descriptor = try PlatformAPI.DepositJobDescriptor.verified(
                    descriptor: offer.descriptor, signature: offer.signature, publicKeyPEM: String(buffer: key.body))
                #expect(descriptor.kind == "depot")
                #expect(descriptor.consultation.reference == scenario.reference)
                #expect(descriptor.consultation.envelopes == ["candidature", "offre"])
                #expect(descriptor.consultation.signatureRequired == false)
                #expect(descriptor.company == "Bâtiments Durand SARL")
                #expect(throws: PlatformAPI.RemoteJobOfferError.badSignature) {
                    try PlatformAPI.DepositJobDescriptor.verified(
                        descriptor: offer.descriptor, signature: offer.signature,
                        publicKeyPEM: P256.Signing.PrivateKey().publicKey.pemRepresentation)
                }

                func claim(_ job: String, _ token: String) async throws -> TestResponse {
                    try await client.executeRequest(
                        uri: PlatformAPI.DepositJobRoute.claim(job), method: .post,
                        headers: [.authorization: "Bearer \(token)"], body: nil)
                }
                let other = try await scenario.bidder.decode(
                    PlatformAPI.RemoteJobOffer.self, .post, path, status: .created)
                let otherID = try PlatformAPI.DepositJobDescriptor.verified(
                    descriptor: other.descriptor, signature: other.signature, publicKeyPEM: String(buffer: key.body)
                ).id
                #expect(try await claim(otherID, offer.token).status == .unauthorized)
                let claimed = try await claim(descriptor.id, offer.token)
                try #require(claimed.status == .ok)
                let credential = try JSONDecoder().decode(
                    PlatformAPI.RemoteJobCredential.self, from: Data(buffer: claimed.body))
                #expect(try await claim(descriptor.id, offer.token).status == .unauthorized)

                // The credential deposits for the company, with no cookie and no CSRF token…
                var assistant = scenario.bidder
                assistant.bearer = credential.credential
                let deposit = try await assistant.startDeposit(scenario.reference)
                try await assistant.upload(deposit, .application, "DC1.pdf.p7m", try scenario.sealed(size: 700))
                try await assistant.upload(deposit, .offer, "Offre.pdf.p7m", try scenario.sealed(size: 1 << 20 | 9))
                let receipt = try await assistant.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                #expect(receipt.receipt.siret == "44306184100047")
                // …and reaches nothing else: not the company's session, not another credential's job.
                #expect(try await assistant.send(.get, "/api/entreprise/session").status == .unauthorized)
                var forged = assistant
                forged.bearer = "not-a-credential"
                #expect(try await forged.send(.get, "/api/deposits/\(deposit)").status == .unauthorized)
                let journal = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(subject: .consultation(scenario.consultationID))
                            .map(\.event.action)
                    }
                }
                #expect(journal.filter { $0 == .depositJobCreated }.count == 2)
                #expect(journal.filter { $0 == .depositJobClaimed }.count == 1)
            }
        }
    }
}
