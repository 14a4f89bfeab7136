import CoreCMS
import CorePlatformAPI
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import SQLKit
import TestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// Deposits through the API on both backends: chunks in any order and resumed, completion with a receipt,
/// refusals (not sealed, not for every recipient, incomplete, after the deadline), superseded deposits,
/// registers, and opening only after the deadline with the right.
extension DatabaseTests {
    struct DepositAPITests {
        @Test(arguments: StorageBackend.available)
        func aSealedResponseUploadedInChunksGetsAReceipt(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let recipients = try await client.executeRequest(
                    uri: "/api/public/consultations/\(scenario.reference)/recipients", method: .get, headers: [:],
                    body: nil)
                let published = try JSONDecoder().decode(
                    PlatformAPI.Recipients.self, from: Data(buffer: recipients.body))
                #expect(published.certificates.count == 2)
                #expect(published.consultation.envelopes == ["candidature", "offre"])

                let deposit = try await bidder.startDeposit(scenario.reference)
                let application = try scenario.sealed(size: 1000)
                let offer = try scenario.sealed(size: (5 << 19) + 17)  // 2.5 MiB: three chunks
                try await bidder.upload(deposit, .application, "DC1.pdf.p7m", application)
                let offerFile = try await bidder.upload(deposit, .offer, "Offre.pdf.p7m", offer, order: [2, 0])
                // Resume: the platform says which chunk is missing; a re-sent chunk changes nothing.
                let status = try await bidder.decode(
                    PlatformAPI.Deposit.self, .get, "/api/deposits/\(deposit)")
                #expect(status.files.first { $0.id == offerFile }?.missingChunks == [1])
                let early = try await bidder.send(.post, "/api/deposits/\(deposit)/complete")
                #expect(early.status == .conflict)
                #expect(String(buffer: early.body).contains("Offre.pdf.p7m"))
                let chunk = Array(offer[(1 << 20)..<(2 << 20)])
                #expect(try await bidder.putChunk(deposit, offerFile, 1, chunk).status == .noContent)
                #expect(
                    try await bidder.putChunk(deposit, offerFile, 0, Array(offer[0..<(1 << 20)])).status == .noContent)
                #expect(
                    try await bidder.putChunk(deposit, offerFile, 1, chunk, hash: String(repeating: "0", count: 64))
                        .status == .badRequest)

                let before = Timestamp.now()
                let done = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                #expect(done.receipt.receivedAt >= before)
                #expect(done.receipt.files.map(\.name) == ["DC1.pdf.p7m", "Offre.pdf.p7m"])
                #expect(
                    done.receipt.files.last?.sha256
                        == SHA256.hash(data: offer).hex)
                #expect(done.receipt.siret == "44306184100047")
                #expect(done.timestampToken == nil)
                // Completing again answers the same receipt; a completed deposit takes no more files.
                let again = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                #expect(again.receipt == done.receipt)
                #expect(try await bidder.announce(deposit, .offer, "late.p7m", application).status == .conflict)

                // The stored file is the sealed one, byte for byte.
                let stored = try String(
                    contentsOfFile: harness.dataDirectory + "/files/"
                        + String(done.receipt.files[1].sha256.prefix(2)) + "/"
                        + String(done.receipt.files[1].sha256.dropFirst(2)), encoding: .isoLatin1)
                #expect(Array(stored.unicodeScalars.map { UInt8($0.value) }) == offer)
                let journal = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(subject: .deposit(deposit)).map(\.event.action)
                    }
                }
                #expect(journal == [.depositStarted, .depositCompleted])
            }
        }

        @Test(arguments: StorageBackend.available)
        func filesNotSealedForEveryRecipientAreRefused(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let plain = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(plain, .application, "DC1.pdf", Array("%PDF-1.7 plaintext".utf8))
                try await bidder.upload(plain, .offer, "Offre.p7m", try scenario.sealed(size: 100))
                let refused = try await bidder.send(.post, "/api/deposits/\(plain)/complete")
                #expect(refused.status == .badRequest)
                #expect(String(buffer: refused.body).contains("pas un pli chiffré"))

                let partial = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(partial, .application, "DC1.p7m", try scenario.sealed(size: 100))
                try await bidder.upload(
                    partial, .offer, "Offre.p7m", try scenario.sealed(size: 100, for: [scenario.recipients[0]]))
                let missingBackup = try await bidder.send(.post, "/api/deposits/\(partial)/complete")
                #expect(missingBackup.status == .badRequest)
                #expect(String(buffer: missingBackup.body).contains("Coffre"))

                let oneEnvelope = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(oneEnvelope, .offer, "Offre.p7m", try scenario.sealed(size: 100))
                let empty = try await bidder.send(.post, "/api/deposits/\(oneEnvelope)/complete")
                #expect(empty.status == .conflict)
                #expect(String(buffer: empty.body).contains("Candidature"))
                #expect(
                    try await bidder.announce(oneEnvelope, .anonymity, "x.p7m", [1]).status == .badRequest)
                #expect(
                    try await bidder.announce(oneEnvelope, .offer, "../x.p7m", [1]).status == .badRequest)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theDeadlineIsKeptToTheSecondAndOnlyTheLastDepositCounts(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                var deposits: [Int64] = []
                for _ in 0..<2 {
                    let deposit = try await bidder.startDeposit(scenario.reference)
                    try await bidder.upload(deposit, .application, "DC1.p7m", try scenario.sealed(size: 10))
                    try await bidder.upload(deposit, .offer, "Offre.p7m", try scenario.sealed(size: 10))
                    let receipt = try await bidder.decode(
                        PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                    #expect(receipt.receipt.supersedes == deposits)
                    deposits.append(deposit)
                }
                let late = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(late, .application, "DC1.p7m", try scenario.sealed(size: 10))
                try await bidder.upload(late, .offer, "Offre.p7m", try scenario.sealed(size: 10))
                // The deadline is now: from this second on, nothing completes.
                try await scenario.set(deadline: Timestamp.now())
                let refused = try await bidder.send(.post, "/api/deposits/\(late)/complete")
                #expect(refused.status == .forbidden)
                #expect(String(buffer: refused.body).contains("date limite"))
                let register = try await scenario.admin.decode(
                    [RegisterService.DepositLine].self, .get, "/api/consultations/\(scenario.consultationID)/deposits")
                #expect(register.map(\.state) == [.superseded, .complete, .uploading])
                let statistics = try await scenario.admin.decode(
                    StatisticsService.Statistics.self, .get, "/api/statistics")
                #expect(statistics.consultationsByState == ["consultation": 1])
                #expect(statistics.completeDeposits == 1)
                #expect(statistics.supersededDeposits == 1)
                let csv = try await scenario.admin.send(
                    .get, "/api/consultations/\(scenario.consultationID)/registres/depots.csv")
                #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: csv.body).contains("Remplacé;"))
                #expect(String(buffer: csv.body).contains("Bâtiments Durand SARL"))
            }
        }

        @Test(arguments: StorageBackend.available)
        func sealedFilesOpenOnlyAfterTheDeadlineWithTheRight(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                let offer = try scenario.sealed(size: 3000)
                try await bidder.upload(deposit, .application, "DC1.p7m", try scenario.sealed(size: 10))
                let file = try await bidder.upload(deposit, .offer, "Offre.p7m", offer)
                _ = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                let uri = "/api/deposits/\(deposit)/files/\(file)/content"
                // Before the deadline, even the PRM gets nothing; a company never does.
                #expect(try await scenario.admin.send(.get, uri).status == .forbidden)
                #expect(try await bidder.send(.get, uri).status == .unauthorized)
                try await scenario.set(deadline: Timestamp.now() - 1, state: .openingAndAnalysis)
                let opened = try await scenario.admin.send(.get, uri)
                #expect(opened.status == .ok)
                #expect(Array(opened.body.readableBytesView) == offer)
                let ranged = try await scenario.admin.send(.get, uri, headers: [.range: "bytes=100-199"])
                #expect(ranged.status == .partialContent)
                #expect(Array(ranged.body.readableBytesView) == Array(offer[100..<200]))
                #expect(ranged.headers[.contentRange] == "bytes 100-199/\(offer.count)")
                // A buyer of a large organisation has no opening right.
                let city = try await scenario.admin.decode(APIModels.OrganisationView.self, .get, "/api/organisations")
                    .id
                let buyer = try await scenario.admin.decode(
                    APIModels.AgentView.self, .post, "/api/organisations/\(city)/agents",
                    json: APIModels.NewAgent(
                        civility: .madame, lastName: "Achat", firstName: "Anne", email: "anne@example.invalid",
                        login: "buyer-1", password: PlatformHarness.password), status: .created)
                #expect(
                    try await scenario.admin.send(
                        .put, "/api/agents/\(buyer.id)/roles/\(city)", json: APIModels.Roles(roles: [.buyer])
                    ).status == .noContent)
                let buyerClient = try await AgentClient.signIn(client, login: "buyer-1")
                #expect(try await buyerClient.send(.get, uri).status == .forbidden)
                #expect(try await buyerClient.send(.get, "/api/statistics").status == .forbidden)
                // Another entity's administrator sees nothing of it.
                _ = try await harness.entity("Ville B", login: "admin-b")
                let other = try await AgentClient.signIn(client, login: "admin-b")
                #expect(try await other.send(.get, uri).status == .notFound)
                #expect(
                    try await other.send(.get, "/api/consultations/\(scenario.consultationID)/deposits").status
                        == .notFound)
                let accesses = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(subject: .envelope(file)).count
                    }
                }
                #expect(accesses == 2)
            }
        }

        @Test(arguments: StorageBackend.available)
        func companiesSeeOnlyTheirOwnDeposits(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let deposit = try await scenario.bidder.startDeposit(scenario.reference)
                let registration = try await client.executeRequest(
                    uri: "/api/entreprises", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(
                        data: try JSONEncoder().encode(
                            DatabaseTests.CompanyAPITests.registration(siret: "73282932000074", login: "rival-1"))))
                #expect(registration.status == .created)
                let rival = try await AgentClient.signIn(client, login: "rival-1", bidder: true)
                #expect(try await rival.send(.get, "/api/deposits/\(deposit)").status == .notFound)
                #expect(try await rival.send(.post, "/api/deposits/\(deposit)/complete").status == .notFound)
                #expect(try await rival.announce(deposit, .offer, "x.p7m", [1, 2, 3]).status == .notFound)
            }
        }

        @Test(arguments: StorageBackend.available)
        func theReceiptCarriesItsJournalPosition(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(deposit, .application, "DC1.p7m", try scenario.sealed(size: 10))
                try await bidder.upload(deposit, .offer, "Offre.p7m", try scenario.sealed(size: 10))
                let done = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                let position = try #require(done.receipt.journal)
                let entries = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await JournalRepository(sql: sql).entries(subject: .deposit(deposit))
                    }
                }
                let recorded = try #require(entries.first { $0.event.action == .depositCompleted })
                #expect(position.sequence == recorded.sequence)
                #expect(position.head == recorded.previousHash.description)
                #expect(recorded.event.details["receipt-sha256"] == (try done.receipt.digest()).hex)
                let again = try await bidder.decode(PlatformAPI.Receipt.self, .get, "/api/deposits/\(deposit)/receipt")
                #expect(again == done)
            }
        }

        @Test(.enabled(if: TestEnvironment.shouldRun(TestEnvironment.timestampURL)))
        func receiptsAreTimeStampedWhenATSAIsConfigured() async throws {
            let url = try #require(URL(string: try TestEnvironment.timestampURL.fixture("TSA")))
            try await PlatformHarness.run(.sqlite, timestampURL: url) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                try await bidder.upload(deposit, .application, "DC1.p7m", try scenario.sealed(size: 10))
                try await bidder.upload(deposit, .offer, "Offre.p7m", try scenario.sealed(size: 10))
                let done = try await bidder.decode(
                    PlatformAPI.Receipt.self, .post, "/api/deposits/\(deposit)/complete")
                let text = try #require(done.timestampToken)
                let der = try #require(Data(base64Encoded: text))
                let token = try TimestampToken(derEncoded: Array(der))
                #expect(token.info.imprint.hash == (try done.receipt.digest()))
                #expect(done.receipt.journal != nil)
                #expect(abs(Int64(token.info.genTime.timeIntervalSince1970) - done.receipt.receivedAt) <= 5)
                let again = try await bidder.decode(PlatformAPI.Receipt.self, .get, "/api/deposits/\(deposit)/receipt")
                #expect(again == done)
            }
        }
    }
}
