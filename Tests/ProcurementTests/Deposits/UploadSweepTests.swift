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

/// The sweep of abandoned uploads (issue 15, finding 7): an upload untouched for the age goes with its rows,
/// the deposit stays readable and stops counting against the quotas; recent uploads, complete deposits and
/// every stored file a row or the journal names stay; orphan stored files and temporary files go once old.
extension DatabaseTests {
    struct UploadSweepTests {
        static let threeDays: TimeInterval = 3 * 86_400

        @Test(arguments: StorageBackend.available)
        func anAbandonedUploadGoesWithItsRowsAndRecentOnesAndCompleteDepositsStay(backend: StorageBackend)
            async throws
        {
            let quotas = DepositQuotas(depositsInProgressPerConsultation: 2)
            try await PlatformHarness.run(
                backend, configure: { $0.depositQuotas = quotas },
                { harness, client in
                    let scenario = try await DepositScenario.make(harness, client)
                    defer { scenario.cleanUp() }
                    let bidder = scenario.bidder
                    let complete = try await bidder.startDeposit(scenario.reference)
                    try await bidder.upload(complete, .application, "DC1.p7m", try scenario.sealed(size: 10))
                    try await bidder.upload(complete, .offer, "Offre.p7m", try scenario.sealed(size: 10))
                    let receipt = try await bidder.decode(
                        PlatformAPI.Receipt.self, .post, "/api/deposits/\(complete)/complete")

                    // One deposit left after its first chunk three days ago, one in progress now.
                    let abandoned = try await bidder.startDeposit(scenario.reference)
                    let old = try await bidder.upload(
                        abandoned, .offer, "Offre.p7m", try scenario.sealed(size: (1 << 20) + 100), order: [0])
                    let recent = try await bidder.startDeposit(scenario.reference)
                    let current = try await bidder.upload(
                        recent, .offer, "Offre.p7m", try scenario.sealed(size: (1 << 20) + 100), order: [0])
                    #expect(
                        try await bidder.send(
                            .post, "/api/deposits", json: PlatformAPI.NewDeposit(consultation: scenario.reference)
                        ).status == .unprocessableContent)

                    let uploads = try ChunkedUploads(dataDirectory: harness.dataDirectory)
                    let files = try FileStore(dataDirectory: harness.dataDirectory)
                    let oldUpload = try await Self.uploadID(of: old, harness)
                    let currentUpload = try await Self.uploadID(of: current, harness)
                    try Self.age(uploads.root + "/" + oldUpload)
                    try await Self.ageDeposit(abandoned, harness)
                    // The complete deposit's files are old too, but named by their rows.
                    for file in receipt.receipt.files {
                        try Self.age(files.path(of: try #require(ContentHash(hex: file.sha256))))
                    }

                    let report = try await harness.withDatabase { database in
                        try await UploadSweep(database: database, files: files, uploads: uploads).run()
                    }
                    #expect(report.depositFiles == 1)
                    #expect(report.uploads == 1)
                    #expect(report.storedFiles == 0)
                    #expect(try await uploads.identifiers() == [currentUpload])

                    // The abandoned deposit is readable, without its file, and no longer counts.
                    let left = try await bidder.decode(PlatformAPI.Deposit.self, .get, "/api/deposits/\(abandoned)")
                    #expect(left.state == .uploading)
                    #expect(left.files.isEmpty)
                    let kept = try await bidder.decode(PlatformAPI.Deposit.self, .get, "/api/deposits/\(recent)")
                    #expect(kept.files.first?.missingChunks == [1])
                    _ = try await bidder.startDeposit(scenario.reference)
                    let again = try await bidder.decode(
                        PlatformAPI.Receipt.self, .get, "/api/deposits/\(complete)/receipt")
                    #expect(again.receipt == receipt.receipt)
                    for file in receipt.receipt.files {
                        #expect(try files.exists(try #require(ContentHash(hex: file.sha256))))
                    }
                    let journal = try await harness.withDatabase { database in
                        try await database.session { sql in
                            try await JournalRepository(sql: sql).entries(subject: .deposit(abandoned)).map(\.event)
                        }
                    }
                    #expect(journal.map(\.action) == [.depositStarted, .depositFilesAbandoned])
                    #expect(journal.last?.details["files"] == "Offre.p7m")
                })
        }

        @Test(arguments: StorageBackend.available)
        func orphanStoredFilesGoOnceOldAndFilesRowsOrTheJournalNameStay(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let files = try FileStore(dataDirectory: harness.dataDirectory)
                let uploads = try ChunkedUploads(dataDirectory: harness.dataDirectory)
                // A DCE, then its replacement: the first is named by the journal only, the second by its row.
                let uri = "/api/consultations/\(scenario.consultationID)/dce"
                let firstDCE = DatabaseTests.CompanyPagesTests.emptyZIP
                let secondDCE = firstDCE + [0]
                #expect(try await scenario.admin.send(.put, uri, bytes: firstDCE).status == .ok)
                #expect(try await scenario.admin.send(.put, uri, bytes: secondDCE).status == .ok)
                // A file refused at completion leaves its stored bytes behind.
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(deposit, .application, "DC1.p7m", try scenario.sealed(size: 10))
                let plain = Array("Offre en clair".utf8)
                try await bidder.upload(deposit, .offer, "Offre.pdf", plain)
                #expect(try await bidder.send(.post, "/api/deposits/\(deposit)/complete").status == .badRequest)
                let refused = ContentHash.of(plain)
                #expect(try files.exists(refused))
                let orphan = try await files.put(bytes: Array("orphelin".utf8)).hash
                let young = try await files.put(bytes: Array("orphelin récent".utf8)).hash
                let storedAgain = try await files.put(bytes: Array("déposé de nouveau".utf8)).hash
                for hash in [ContentHash.of(firstDCE), ContentHash.of(secondDCE), refused, orphan, storedAgain] {
                    try Self.age(files.path(of: hash))
                }
                // Stored again after it aged, a file counts as new: a row naming it may be on its way.
                _ = try await files.put(bytes: Array("déposé de nouveau".utf8))
                // A temporary file and an upload no row knows, both old, and a recent temporary file.
                let oldTemporary = files.temporaryDirectory + "/1-2"
                FileManager.default.createFile(atPath: oldTemporary, contents: Data([1]))
                try Self.age(oldTemporary)
                FileManager.default.createFile(atPath: files.temporaryDirectory + "/3-4", contents: Data([2]))
                _ = try await uploads.start(
                    id: "sans-ligne", manifest: UploadManifest(size: 1, sha256: ContentHash.of([1]), chunkSize: 1))
                try Self.age(uploads.root + "/sans-ligne")

                let report = try await harness.withDatabase { database in
                    try await UploadSweep(database: database, files: files, uploads: uploads).run()
                }
                #expect(report.storedFiles == 2)
                #expect(report.temporaryFiles == 1)
                #expect(report.uploads == 1)
                #expect(try files.exists(refused) == false)
                #expect(try files.exists(orphan) == false)
                #expect(try files.exists(young))
                #expect(try files.exists(storedAgain))
                #expect(try files.exists(ContentHash.of(firstDCE)))
                #expect(try files.exists(ContentHash.of(secondDCE)))
                #expect(try FileManager.default.contentsOfDirectory(atPath: files.temporaryDirectory) == ["3-4"])
                #expect(try await uploads.identifiers().isEmpty)
            }
        }

        /// Sets the modification time of `path` `seconds` in the past.
        static func age(_ path: String, by seconds: TimeInterval = threeDays) throws {
            try FileManager.default.setAttributes(
                [.modificationDate: Date(timeIntervalSinceNow: -seconds)], ofItemAtPath: path)
        }

        static func ageDeposit(_ id: Int64, _ harness: PlatformHarness) async throws {
            try await harness.withDatabase { database in
                try await database.transaction { sql in
                    try await sql.update("deposits").set("started_at", to: Timestamp.now() - Int64(threeDays))
                        .where("id", .equal, id).run()
                }
            }
        }

        static func uploadID(of file: Int64, _ harness: PlatformHarness) async throws -> String {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try #require(
                        try await sql.select().column("upload_id").from("deposit_files").where("id", .equal, file)
                            .first(decodingColumn: "upload_id", as: String.self))
                }
            }
        }
    }
}
