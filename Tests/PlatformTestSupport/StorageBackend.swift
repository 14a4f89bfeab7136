import Foundation
import Logging
import TestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The backends every storage test runs against: SQLite always, PostgreSQL when the test run started one.
package enum StorageBackend: String, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    package var description: String { rawValue }

    /// The backends to test: PostgreSQL is included when announced or when fixtures are required.
    package static var available: [StorageBackend] {
        TestEnvironment.shouldRun(TestEnvironment.postgresURL) ? allCases : [.sqlite]
    }

    /// A fresh, empty database on this backend for the duration of `body`; a SQLite file is deleted after.
    package func withFreshLocation<R: Sendable>(_ body: (DatabaseLocation) async throws -> R) async throws -> R {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sceau-test-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            return try await body(.sqlite(path: directory.appendingPathComponent("sceau.sqlite").path))
        case .postgres:
            let url = try TestEnvironment.postgresURL.fixture("PostgreSQL")
            try await Database.using(.postgres(url: url), logger: Logger(label: "test")) { database in
                try await database.session { sql in
                    try await sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
                    try await sql.raw("CREATE SCHEMA public").run()
                }
            }
            return try await body(.postgres(url: url))
        }
    }
}

/// The suites that use a database run one test at a time: on PostgreSQL they share one database.
@Suite(.serialized) package enum DatabaseTests {}

/// A migrated, empty database on `backend` for the duration of `body`.
package func withFreshDatabase<R: Sendable>(
    _ backend: StorageBackend, _ body: (Database) async throws -> R
) async throws -> R {
    try await backend.withFreshLocation { location in
        try await Database.using(location, logger: Logger(label: "test")) { database in
            _ = try await Migrator(database: database).migrate()
            return try await body(database)
        }
    }
}
