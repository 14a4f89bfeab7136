import CorePlatformAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Security review findings on deposits (issue 15): a deposit job's credential reaches only its own
/// consultation's deposits, chunk uploads included; a file refused at completion leaves the deposit readable,
/// names the file, and can be replaced while the other files are kept.
extension DatabaseTests {
    struct DepositHardeningTests {
        @Test(arguments: StorageBackend.available)
        func aDepositJobsCredentialCannotUploadIntoAnotherConsultationsDeposit(backend: StorageBackend)
            async throws
        {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let other = "AOO_2026_043"
                try await harness.withDatabase { database in
                    try await database.transaction { sql in
                        var copy = try await ConsultationRepository(sql: sql).require(id: scenario.consultationID)
                        copy.id = nil
                        copy.reference = try ConsultationReference(other)
                        let saved = try await ConsultationRepository(sql: sql).create(copy, at: Timestamp.now() - 60)
                        try await sql.update("consultations").set("state", to: ConsultationState.consultation.rawValue)
                            .where("id", .equal, try #require(saved.id)).run()
                    }
                }
                // The company's own session opens a deposit on the other consultation and announces a file.
                let otherDeposit = try await scenario.bidder.startDeposit(other)
                let bytes = try scenario.sealed(size: 300)
                let announced = try await scenario.bidder.announce(otherDeposit, .offer, "Offre.pdf.p7m", bytes)
                try #require(announced.status == .created)
                let file = try JSONDecoder().decode(PlatformAPI.DepositFile.self, from: Data(buffer: announced.body))

                // A deposit job of the first consultation is claimed by the assistant…
                let offer = try await scenario.bidder.decode(
                    PlatformAPI.RemoteJobOffer.self, .post,
                    "/api/public/consultations/\(scenario.reference)/deposit-jobs", status: .created)
                let key = try await client.executeRequest(
                    uri: "/api/platform/signing-key", method: .get, headers: [:], body: nil)
                let descriptor = try PlatformAPI.DepositJobDescriptor.verified(
                    descriptor: offer.descriptor, signature: offer.signature, publicKeyPEM: String(buffer: key.body))
                let claimed = try await client.executeRequest(
                    uri: PlatformAPI.DepositJobRoute.claim(descriptor.id), method: .post,
                    headers: [.authorization: "Bearer \(offer.token)"], body: nil)
                try #require(claimed.status == .ok)
                var assistant = scenario.bidder
                assistant.bearer =
                    try JSONDecoder().decode(PlatformAPI.RemoteJobCredential.self, from: Data(buffer: claimed.body))
                    .credential

                // …and its credential can neither read nor write the other consultation's deposit.
                #expect(try await assistant.send(.get, "/api/deposits/\(otherDeposit)").status == .notFound)
                let chunk = try await assistant.putChunk(otherDeposit, file.id, 0, bytes)
                #expect(chunk.status == .notFound)
                let status = try await scenario.bidder.decode(
                    PlatformAPI.Deposit.self, .get, "/api/deposits/\(otherDeposit)")
                #expect(status.files.first?.missingChunks == [0])
            }
        }

        @Test(arguments: StorageBackend.available)
        func aFileRefusedAtCompletionLeavesTheDepositReadableAndReplaceable(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(deposit, .application, "DC1.pdf.p7m", try scenario.sealed(size: 500))
                let plain = Array("Offre en clair, non chiffrée".utf8)
                try await bidder.upload(deposit, .offer, "Offre.pdf", plain)

                let refused = try await bidder.send(.post, "/api/deposits/\(deposit)/complete")
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains("Offre.pdf"))
                #expect(String(buffer: refused.body).contains("chiffr"))

                // The deposit is still readable: the refused file is gone from it, the sealed one kept.
                let after = try await bidder.decode(PlatformAPI.Deposit.self, .get, "/api/deposits/\(deposit)")
                #expect(after.state == .uploading)
                #expect(after.files.map(\.name) == ["DC1.pdf.p7m"])

                // The company seals the offer and deposits it again; the deposit completes.
                try await bidder.upload(deposit, .offer, "Offre.pdf.p7m", try scenario.sealed(size: 800))
                let receipt = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                #expect(receipt.receipt.files.map(\.name).sorted() == ["DC1.pdf.p7m", "Offre.pdf.p7m"])
            }
        }
    }
}
