import CoreModel
import Foundation
import Hummingbird
import HummingbirdTesting
import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Procurement
@testable import Requests

/// The platform over HTTP: health and the home page, on both backends.
extension DatabaseTests {
    struct HomePageTests {
        @Test(arguments: StorageBackend.available)
        func healthAndReadiness(backend: StorageBackend) async throws {
            try await backend.withFreshLocation { location in
                let app = try await buildApplication(PlatformConfiguration(port: 0, database: location))
                try await app.test(.router) { client in
                    try await client.execute(uri: "/health", method: .get) { response in
                        #expect(response.status == .ok)
                        let report = try JSONDecoder().decode(HealthReport.self, from: Data(buffer: response.body))
                        #expect(report == HealthReport(service: "sceau-platform"))
                    }
                    try await client.execute(uri: "/ready", method: .get) { response in
                        #expect(response.status == .ok)
                        let report = try JSONDecoder().decode(HealthReport.self, from: Data(buffer: response.body))
                        #expect(report.checks == ["node": "ok", "database": "ok", "storage": "ok"])
                    }
                }
            }
        }

        @Test(arguments: StorageBackend.available)
        func homePageListsEntitiesAndEscapesTheirNames(backend: StorageBackend) async throws {
            try await backend.withFreshLocation { location in
                try await withLocation(location) { database in
                    _ = try await DemoData.load(into: database)
                    _ = try await database.transaction { sql in
                        try await OrganisationRepository(sql: sql).create(
                            Organisation(name: "<script>x</script>", type: .singleActor))
                    }
                }
                let app = try await buildApplication(PlatformConfiguration(port: 0, database: location))
                try await app.test(.router) { client in
                    try await client.execute(uri: "/", method: .get) { response in
                        #expect(response.status == .ok)
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                        let page = String(buffer: response.body)
                        #expect(page.contains("<html lang=\"fr\">"))
                        #expect(page.contains("Ville de Démonstration"))
                        #expect(page.contains("Service des travaux"))
                        #expect(page.contains("&lt;script&gt;x&lt;/script&gt;"))
                        #expect(!page.contains("<script>x"))
                    }
                }
            }
        }

        private func withLocation(_ location: DatabaseLocation, _ body: (Database) async throws -> Void) async throws {
            try await Database.using(location, logger: .init(label: "test")) { database in
                _ = try await Migrator(database: database).migrate()
                try await body(database)
            }
        }
    }
}
