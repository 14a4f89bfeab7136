import Foundation
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The storage layer on both backends: migrations, transactions, the organisation tree.
extension DatabaseTests {
    struct StorageTests {
        @Test(arguments: StorageBackend.available)
        func migrationsApplyOnceAndAreRecorded(backend: StorageBackend) async throws {
            try await backend.withFreshLocation { location in
                try await Database.using(location, logger: .init(label: "test")) { database in
                    let first = try await Migrator(database: database).migrate()
                    #expect(first == Migrations.all.map(\.name))
                    let second = try await Migrator(database: database).migrate()
                    #expect(second.isEmpty)
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func demoDataBuildsATreeOnceOnly(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                #expect(try await DemoData.load(into: database))
                #expect(try await DemoData.load(into: database) == false)
                let trees = try await database.session { sql in
                    try await OrganisationTree.load(OrganisationRepository(sql: sql))
                }
                #expect(trees.count == 1)
                let city = try #require(trees.first)
                #expect(city.organisation.name == DemoData.entityName)
                #expect(
                    city.services.map(\.organisation.name) == [
                        "Centre communal d'action sociale", "Direction de la commande publique",
                    ])
                #expect(city.services[1].services.map(\.organisation.name) == ["Service des travaux"])
            }
        }

        @Test(arguments: StorageBackend.available)
        func aFailedTransactionLeavesNoRow(backend: StorageBackend) async throws {
            struct Abort: Error {}
            try await withFreshDatabase(backend) { database in
                await #expect(throws: Abort.self) {
                    try await database.transaction { sql in
                        _ = try await OrganisationRepository(sql: sql).create(
                            Organisation(name: "Éphémère", type: .small))
                        throw Abort()
                    }
                }
                let entities = try await database.session { sql in try await OrganisationRepository(sql: sql).entities()
                }
                #expect(entities.isEmpty)
            }
        }

        @Test(arguments: StorageBackend.available)
        func aServiceMustBelongToAnExistingOrganisation(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                await #expect(throws: (any Error).self) {
                    try await database.transaction { sql in
                        try await OrganisationRepository(sql: sql).create(
                            Organisation(parentID: 9999, name: "Orphelin", type: .small))
                    }
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func namesOverTheLimitAreRefusedBeforeStorage(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let longest = String(repeating: "é", count: Organisation.maximumNameLength)
                let saved = try await database.transaction { sql in
                    try await OrganisationRepository(sql: sql).create(Organisation(name: longest, type: .medium))
                }
                #expect(saved.id != nil)
                await #expect(throws: DomainError.self) {
                    try await database.transaction { sql in
                        try await OrganisationRepository(sql: sql).create(
                            Organisation(name: longest + "x", type: .medium))
                    }
                }
            }
        }
    }
}

/// `--database-url` and the default SQLite location.
struct DatabaseLocationTests {
    @Test func defaultsToSQLiteInTheDataDirectory() throws {
        #expect(
            try DatabaseLocation(url: nil, dataDirectory: "/var/lib/sceau")
                == .sqlite(path: "/var/lib/sceau/sceau.sqlite"))
    }

    @Test func acceptsPostgresURLs() throws {
        let url = "postgres://sceau:secret@db.example:5432/sceau"
        #expect(try DatabaseLocation(url: url, dataDirectory: "/x") == .postgres(url: url))
        #expect(
            try DatabaseLocation(url: "postgresql://h/d", dataDirectory: "/x") == .postgres(url: "postgresql://h/d"))
    }

    @Test func refusesOtherSchemesWithAnExplanation() {
        #expect(throws: StorageError.unsupportedDatabaseURL("mysql://h/d")) {
            try DatabaseLocation(url: "mysql://h/d", dataDirectory: "/x")
        }
    }
}
