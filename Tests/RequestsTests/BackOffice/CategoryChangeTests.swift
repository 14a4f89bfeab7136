import PlatformTestSupport
import Testing

@testable import PlatformApp
@testable import PlatformKernel
@testable import Requests

/// Renaming a category and moving a teleservice between categories (issue 20, item 5): administrators rename,
/// names stay unique; a teleservice moves with its requests, and the rights on them follow the new category.
extension DatabaseTests {
    struct CategoryChangeTests {
        @Test(arguments: StorageBackend.available)
        func administratorsRenameCategories(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                await #expect(throws: DomainError.self) {
                    try await f.catalog.renameCategory(f.childhood, to: "Petite enfance", by: f.manager)
                }
                await #expect(throws: DomainError.notFound(what: "Catégorie")) {
                    try await f.catalog.renameCategory(f.civilStatus, to: "Petite enfance", by: f.instructor)
                }
                await #expect(throws: DomainError.conflict(reason: "La catégorie « État civil » existe déjà.")) {
                    try await f.catalog.renameCategory(f.childhood, to: "État civil", by: f.administrator)
                }
                await #expect(throws: DomainError.self) {
                    try await f.catalog.renameCategory(f.childhood, to: "  ", by: f.administrator)
                }
                let renamed = try await f.catalog.renameCategory(
                    f.childhood, to: " Petite enfance ", by: f.administrator)
                #expect(renamed.name == "Petite enfance")
                #expect(
                    try await f.catalog.categories(for: f.manager).map(\.0.name) == ["Petite enfance"])
            }
        }

        @Test(arguments: StorageBackend.available)
        func aTeleserviceMovesWithItsRequestsAndTheRightsFollow(backend: StorageBackend) async throws {
            try await withFreshDatabase(backend) { database in
                let f = try await RequestFixture.make(database)
                let id = try #require(f.teleservice.id)
                // The manager of « Enfance » does not manage « État civil »: for them it does not exist.
                await #expect(throws: DomainError.notFound(what: "Catégorie")) {
                    try await f.catalog.moveTeleservice(id, to: f.civilStatus, by: f.manager)
                }
                // The outsider writes in « État civil » only: the teleservice does not exist for them.
                await #expect(throws: DomainError.notFound(what: "Téléservice")) {
                    try await f.catalog.moveTeleservice(id, to: f.civilStatus, by: f.outsider)
                }
                _ = try await f.service.detail(f.requestID, for: f.instructor)
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    try await f.service.detail(f.requestID, for: f.outsider)
                }
                let moved = try await f.catalog.moveTeleservice(id, to: f.civilStatus, by: f.administrator)
                #expect(moved.categoryID == f.civilStatus)
                #expect(try await f.catalog.teleservices(for: f.outsider).map(\.id) == [id])
                #expect(try await f.catalog.teleservices(for: f.manager).isEmpty)
                // The request moved too: the rights of « État civil » apply to it now.
                _ = try await f.service.detail(f.requestID, for: f.outsider)
                await #expect(throws: DomainError.notFound(what: "Demande")) {
                    try await f.service.detail(f.requestID, for: f.instructor)
                }
                #expect(
                    try await f.service.search(RequestSearch(categoryID: f.civilStatus), for: f.administrator)
                        .map(\.request.id) == [f.requestID])
            }
        }
    }
}
