import CorePlatformAPI
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PlatformTestSupport
import SQLKit
import Testing

@testable import PlatformKernel
@testable import Procurement

/// A bidder whose deposit failed because of the platform (issue 17, item 2) finds the platform's own record of it
/// (time, node, operation, error) on their company space; refusals are not incidents.
extension DatabaseTests {
    struct DepositIncidentTests {
        @Test func theOperationIsNamedFromTheRoute() {
            #expect(
                DepositIncident.action(method: "PUT", path: "/api/deposits/7/files/12/chunks/3")
                    == "Envoi du morceau 3 du fichier 12")
            #expect(DepositIncident.action(method: "POST", path: "/api/deposits/7/complete") == "Finalisation du dépôt")
            #expect(DepositIncident.action(method: "POST", path: "/api/deposits/7/files") == "Annonce d'un fichier")
            #expect(DepositIncident.action(method: "GET", path: "/api/deposits/7") == "Reprise du dépôt")
            #expect(
                DepositIncident.describe(IOError(errnoCode: ENOSPC, reason: "write"))
                    .hasPrefix("Stockage des fichiers plein : "))
            #expect(
                DepositIncident.describe(POSIXError(.ENOSPC)).hasPrefix("Stockage des fichiers plein : "))
            #expect(DepositIncident.describe(Fault()) == "Erreur interne : disque plein")
            #expect(DepositIncidentMiddleware<BidderRequestContext>.depositID("/api/deposits/42/complete") == 42)
            #expect(DepositIncidentMiddleware<BidderRequestContext>.depositID("/api/deposits") == nil)
            #expect(DepositIncidentMiddleware<BidderRequestContext>.depositID("/api/public/consultations") == nil)
        }

        @Test(arguments: StorageBackend.available)
        func aFaultDuringADepositIsShownOnTheCompanySpace(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let bidder = scenario.bidder
                let deposit = try await bidder.startDeposit(scenario.reference)
                let refused = try await bidder.send(
                    .post, "/api/deposits/\(deposit)/files",
                    json: PlatformAPI.SealedFile(envelope: "offre", name: "", size: 10, sha256: "00"))
                #expect(refused.status == .badRequest)

                // The deposit's files' table gone: announcing a file is a fault of the platform.
                try await Self.rename("deposit_files", to: "deposit_files_away", harness)
                let failed = try await bidder.send(
                    .post, "/api/deposits/\(deposit)/files",
                    json: PlatformAPI.SealedFile(
                        envelope: "offre", name: "Offre.p7m", size: 10, sha256: SHA256.hash(data: [1]).hex))
                try await Self.rename("deposit_files_away", to: "deposit_files", harness)
                #expect(failed.status == .internalServerError)

                let space = String(buffer: try await bidder.send(.get, "/entreprise").body)
                #expect(space.contains("Incidents de la plateforme pendant vos dépôts"))
                #expect(space.contains("<td>\(deposit)</td>"))
                #expect(space.contains("Annonce d&#39;un fichier") || space.contains("Annonce d'un fichier"))
                #expect(space.contains("Base de données : "))
                #expect(space.contains("deposit_files"), "the database's own words name what failed")
                let count = try await harness.withDatabase { database in
                    try await database.session { sql in
                        try await sql.select().column("id").from("deposit_incidents").all().count
                    }
                }
                #expect(count == 1, "the refusal is not an incident")
            }
        }

        @Test(arguments: StorageBackend.available)
        func anIncidentTheDatabaseRefusesWaitsInMemory(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let deposit = try await scenario.bidder.startDeposit(scenario.reference)
                try await harness.withDatabase { database in
                    let incidents = DepositIncidents(database: database, node: "node-a", logger: Logger(label: "test"))
                    try await Self.rename("deposit_incidents", to: "deposit_incidents_away", harness)
                    await incidents.record(depositID: deposit, action: "Finalisation du dépôt", error: Fault())
                    #expect(await incidents.waiting == 1)
                    try await Self.rename("deposit_incidents_away", to: "deposit_incidents", harness)
                    await incidents.flush()
                    #expect(await incidents.waiting == 0)
                    let stored = try await database.session { sql in
                        let company = try await DepositRepository(sql: sql).find(deposit)?.companyID ?? 0
                        return try await DepositIncidentRepository(sql: sql).incidents(ofCompany: company)
                    }
                    #expect(stored.map(\.node) == ["node-a"])
                    #expect(stored.first?.error == "Erreur interne : disque plein")
                }
            }
        }

        /// Many faults at once (a database restart fails every request in flight): the actor's flushes interleave
        /// at their suspension and must neither crash (removing a batch twice did) nor write an incident twice.
        @Test(arguments: StorageBackend.available)
        func incidentsRecordedTogetherAreEachWrittenOnce(backend: StorageBackend) async throws {
            try await PlatformHarness.run(backend) { harness, client in
                let scenario = try await DepositScenario.make(harness, client)
                defer { scenario.cleanUp() }
                let deposit = try await scenario.bidder.startDeposit(scenario.reference)
                try await harness.withDatabase { database in
                    let incidents = DepositIncidents(database: database, node: "node-a", logger: Logger(label: "test"))
                    await withTaskGroup(of: Void.self) { group in
                        for index in 0..<40 {
                            group.addTask {
                                await incidents.record(depositID: deposit, action: "Morceau \(index)", error: Fault())
                            }
                        }
                    }
                    await incidents.flush()
                    let actions = try await database.session { sql in
                        try await sql.select().column("action").from("deposit_incidents")
                            .all(decodingColumn: "action", as: String.self)
                    }
                    #expect(actions.count == 40)
                    #expect(Set(actions).count == 40)
                }
            }
        }

        struct Fault: Error, CustomStringConvertible {
            var description: String { "disque plein" }
        }

        static func rename(_ table: String, to name: String, _ harness: PlatformHarness) async throws {
            try await harness.withDatabase { database in
                try await database.session { sql in
                    try await sql.raw("ALTER TABLE \(unsafeRaw: table) RENAME TO \(unsafeRaw: name)").run()
                }
            }
        }
    }
}
