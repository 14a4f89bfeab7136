import CorePlatformAPI
import Crypto
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

/// Quotas (issue 15, finding 7): deposits in progress per company and consultation, files per envelope, bytes
/// per file and per deposit, the chunk stream held to what was announced, and the DCE's size; each refused in
/// French with nothing stored.
extension DatabaseTests {
    struct DepositQuotaTests {
        static let small = DepositQuotas(
            depositsInProgressPerConsultation: 2, depositsInProgressPerCompany: 3, filesPerEnvelope: 2,
            bytesPerFile: 4 << 10, bytesPerDeposit: 6 << 10)

        @Test(arguments: StorageBackend.available)
        func depositsInProgressAreLimitedPerConsultationAndPerCompany(backend: StorageBackend) async throws {
            try await PlatformHarness.run(
                backend, configure: { $0.depositQuotas = Self.small },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let bidder = scenario.bidder
                    let first = try await bidder.startDeposit(scenario.reference)
                    _ = try await bidder.startDeposit(scenario.reference)
                    let third = try await bidder.send(
                        .post, "/api/deposits", json: PlatformAPI.NewDeposit(consultation: scenario.reference))
                    #expect(third.status == .unprocessableContent)
                    #expect(String(buffer: third.body).contains("déjà 2 dépôt(s) en cours pour cette consultation"))
                    #expect(String(buffer: third.body).contains("reprenez un dépôt en cours"))
                    #expect(try await Self.depositCount(harness) == 2)

                    // Another consultation: one more deposit, then the company's overall limit (3) is reached.
                    let other = try await Self.copy(scenario, reference: "AOO_2026_043")
                    _ = try await bidder.startDeposit(other)
                    let fourth = try await bidder.send(
                        .post, "/api/deposits", json: PlatformAPI.NewDeposit(consultation: other))
                    #expect(fourth.status == .unprocessableContent)
                    #expect(String(buffer: fourth.body).contains("déjà 3 dépôts en cours sur la plateforme"))
                    #expect(try await Self.depositCount(harness) == 3)

                    // A complete deposit no longer counts.
                    try await bidder.upload(first, .application, "DC1.p7m", try scenario.sealed(size: 10))
                    try await bidder.upload(first, .offer, "Offre.p7m", try scenario.sealed(size: 10))
                    _ = try await bidder.decode(PlatformAPI.Receipt.self, .post, "/api/deposits/\(first)/complete")
                    _ = try await bidder.startDeposit(scenario.reference)
                })
        }

        @Test(arguments: StorageBackend.available)
        func filesAndBytesBeyondTheQuotasAreRefusedAndNothingIsStored(backend: StorageBackend) async throws {
            try await PlatformHarness.run(
                backend, configure: { $0.depositQuotas = Self.small },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let bidder = scenario.bidder
                    let deposit = try await bidder.startDeposit(scenario.reference)
                    let uploads = try ChunkedUploads(dataDirectory: harness.dataDirectory)

                    let large = try await Self.announce(bidder, deposit, .offer, "Plans.p7m", size: 5000)
                    #expect(large.status == .contentTooLarge)
                    #expect(
                        String(buffer: large.body).contains(
                            "« Plans.p7m » fait 4,9 Kio : un pli ne peut dépasser 4 Kio"))
                    #expect(try await uploads.identifiers().isEmpty)

                    #expect(try await Self.announce(bidder, deposit, .offer, "A.p7m", size: 3000).status == .created)
                    #expect(try await Self.announce(bidder, deposit, .offer, "B.p7m", size: 3000).status == .created)
                    let third = try await Self.announce(bidder, deposit, .offer, "C.p7m", size: 10)
                    #expect(third.status == .unprocessableContent)
                    #expect(String(buffer: third.body).contains("L'enveloppe « Offre » contient déjà 2 fichiers"))
                    let over = try await Self.announce(bidder, deposit, .application, "DC1.p7m", size: 300)
                    #expect(over.status == .contentTooLarge)
                    #expect(String(buffer: over.body).contains("un dépôt ne peut dépasser 6 Kio"))

                    #expect(try await uploads.identifiers().count == 2)
                    let status = try await bidder.decode(PlatformAPI.Deposit.self, .get, "/api/deposits/\(deposit)")
                    #expect(status.files.map(\.name) == ["A.p7m", "B.p7m"])
                })
        }

        @Test(arguments: StorageBackend.available)
        func aChunkCannotCarryMoreThanItsFileAnnounced(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                let bytes = try scenario.sealed(size: 300)
                let announced = try await bidder.announce(deposit, .offer, "Offre.p7m", bytes)
                try #require(announced.status == .created)
                let file = try JSONDecoder().decode(PlatformAPI.DepositFile.self, from: Data(buffer: announced.body))
                let longer = try await bidder.putChunk(deposit, file.id, 0, bytes + Array(repeating: 7, count: 10))
                #expect(longer.status == .badRequest)
                let beyond = try await bidder.putChunk(deposit, file.id, 1, [1, 2, 3])
                #expect(beyond.status == .badRequest)
                let tooLarge = try await bidder.putChunk(deposit, file.id, 0, Array(repeating: 1, count: (1 << 20) + 1))
                #expect(tooLarge.status == .contentTooLarge)
                let status = try await bidder.decode(PlatformAPI.Deposit.self, .get, "/api/deposits/\(deposit)")
                #expect(status.files.first?.missingChunks == [0])
            }
        }

        @Test(arguments: StorageBackend.available)
        func aDCEOverItsLimitIsRefusedAndThePreviousOneStays(backend: StorageBackend) async throws {
            try await PlatformHarness.run(
                backend, configure: { $0.maximumDCESize = 1 << 10 },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let uri = "/api/consultations/\(scenario.consultationID)/dce"
                    let zip = DatabaseTests.CompanyPagesTests.emptyZIP
                    #expect(try await scenario.admin.send(.put, uri, bytes: zip).status == .ok)

                    let large = zip + Array(repeating: 0x41, count: 2000)
                    let refused = try await scenario.admin.send(.put, uri, bytes: large)
                    #expect(refused.status == .contentTooLarge)
                    #expect(String(buffer: refused.body).contains("Le DCE dépasse 1 Kio"))
                    #expect(String(buffer: refused.body).contains("le DCE précédent reste en ligne"))
                    let notZIP = Array("pas une archive".utf8)
                    #expect(try await scenario.admin.send(.put, uri, bytes: notZIP).status == .badRequest)

                    let dce = try await client.executeRequest(
                        uri: "/api/public/consultations/\(scenario.reference)/dce", method: .get, headers: [:],
                        body: nil)
                    #expect(Array(dce.body.readableBytesView) == zip)
                    let files = try FileStore(dataDirectory: harness.dataDirectory)
                    #expect(try files.exists(ContentHash.of(large)) == false)
                    #expect(try files.exists(ContentHash.of(notZIP)) == false)
                    #expect(try FileManager.default.contentsOfDirectory(atPath: files.temporaryDirectory).isEmpty)
                })
        }

        /// Announces a file of `size` bytes (its content never sent).
        static func announce(
            _ bidder: AgentClient, _ deposit: Int64, _ envelope: ConsultationEnvelope, _ name: String, size: Int64
        ) async throws -> TestResponse {
            try await bidder.send(
                .post, "/api/deposits/\(deposit)/files",
                json: PlatformAPI.SealedFile(
                    envelope: envelope.rawValue, name: name, size: size, sha256: SHA256.hash(data: Array(name.utf8)).hex
                ))
        }

        static func depositCount(_ harness: PlatformHarness) async throws -> Int {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try await sql.select().column("id").from("deposits").all().count
                }
            }
        }

        /// A second online consultation like the scenario's; returns its reference.
        static func copy(_ scenario: DepositScenario, reference: String) async throws -> String {
            try await scenario.harness.withDatabase { database in
                try await database.transaction { sql in
                    var copy = try await ConsultationRepository(sql: sql).require(id: scenario.consultationID)
                    copy.id = nil
                    copy.reference = try ConsultationReference(reference)
                    let saved = try await ConsultationRepository(sql: sql).create(copy, at: Timestamp.now() - 60)
                    try await sql.update("consultations").set("state", to: ConsultationState.consultation.rawValue)
                        .where("id", .equal, try #require(saved.id)).run()
                }
            }
            return reference
        }
    }
}
