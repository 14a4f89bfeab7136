import CorePlatformAPI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformKernel
@testable import Procurement

/// A bidder whose announcement's answer was lost (a node killed, a connection cut) announces the same file again:
/// the platform answers with the file it already has and the chunks it still lacks, not a refusal; another file
/// under the same name is still refused. Found by `scripts/tests/cluster_faults.py`, where such a bidder got exit 3
/// « contient déjà un fichier ».
extension DatabaseTests {
    struct DepositAnnounceAgainTests {
        @Test(arguments: StorageBackend.available)
        func theSameFileAnnouncedAgainIsTheFileAlreadyThere(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                let sealed = try scenario.sealed(size: DepositPolicy.chunkSize + 10)
                let first = try await bidder.announce(deposit, .offer, "Offre.p7m", sealed)
                #expect(first.status == .created)
                let file = try JSONDecoder().decode(PlatformAPI.DepositFile.self, from: Data(buffer: first.body))
                #expect(file.missingChunks == [0, 1])

                let chunk = sealed.prefix(DepositPolicy.chunkSize)
                let put = try await bidder.putChunk(deposit, file.id, 0, Array(chunk))
                #expect(put.status == .noContent)

                let again = try await bidder.announce(deposit, .offer, "Offre.p7m", sealed)
                #expect(again.status == .ok)
                let same = try JSONDecoder().decode(PlatformAPI.DepositFile.self, from: Data(buffer: again.body))
                #expect(same.id == file.id)
                #expect(same.missingChunks == [1])

                var other = sealed
                other[0] ^= 0xFF
                let refused = try await bidder.announce(deposit, .offer, "Offre.p7m", other)
                #expect(refused.status == .conflict)
                #expect(String(buffer: refused.body).contains("contient déjà un fichier « Offre.p7m »"))
            }
        }

        /// The announcement's commit succeeded but its answer was lost (PostgreSQL restarting), so the platform
        /// discarded the upload it had started: the file's row points to no upload. Found by the cluster fault test,
        /// where every resume of that deposit then failed (500) for ever. The upload starts again, empty.
        @Test(arguments: StorageBackend.available)
        func aFileWhoseUploadIsGoneIsReceivedAgain(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(deposit, .application, "DC1.p7m", try scenario.sealed(size: 10))
                let sealed = try scenario.sealed(size: 100)
                let announced = try await bidder.announce(deposit, .offer, "Offre.p7m", sealed)
                let file = try JSONDecoder().decode(PlatformAPI.DepositFile.self, from: Data(buffer: announced.body))
                let uploads = try ChunkedUploads(dataDirectory: harness.dataDirectory)
                let uploadID = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("upload_id").from("deposit_files").where("id", .equal, file.id)
                            .first(decodingColumn: "upload_id", as: String.self)
                    }
                }
                try await uploads.open(id: try #require(uploadID)).discard()

                let status = try await bidder.send(.get, "/api/deposits/\(deposit)")
                #expect(status.status == .ok)
                let view = try JSONDecoder().decode(PlatformAPI.Deposit.self, from: Data(buffer: status.body))
                #expect(view.files.first { $0.id == file.id }?.missingChunks == [0])
                let put = try await bidder.putChunk(deposit, file.id, 0, sealed)
                #expect(put.status == .noContent)
                let receipt = try await bidder.send(.post, "/api/deposits/\(deposit)/complete")
                #expect(receipt.status == .ok, "\(String(buffer: receipt.body))")
            }
        }
    }
}
