import Hummingbird
import PlatformKernel
import Procurement
import Requests

/// The platform's home page: the public entities and their services.
package struct HomeController {
    package let database: Database

    package init(database: Database) {
        self.database = database
    }

    package func register(on router: Router<PlatformRequestContext>) {
        router.get("/") { _, _ in try await home() }
    }

    private func home() async throws -> Page<HomeView> {
        let tree = try await database.session { sql in
            try await OrganisationTree.load(OrganisationRepository(sql: sql))
        }
        return HomeView.page(tree)
    }
}
