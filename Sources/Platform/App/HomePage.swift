import PlatformKernel
import Procurement
import Requests

/// The home page: every public entity and its tree of services.
package struct HomeView: Sendable {
    package let entities: [OrganisationNode]
    package let hasEntities: Bool

    package init(entities: [OrganisationNode], hasEntities: Bool) {
        self.entities = entities
        self.hasEntities = hasEntities
    }

    package static func page(_ trees: [OrganisationTree]) -> Page<HomeView> {
        let nodes = trees.map { OrganisationNode($0, link: nil) }
        return Page(
            "home/index", title: "Accueil", audience: .visitor, section: .home,
            content: HomeView(entities: nodes, hasEntities: !nodes.isEmpty))
    }
}
