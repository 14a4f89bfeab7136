/// An organisation with its services, recursively.
package struct OrganisationTree: Sendable, Equatable {
    package let organisation: Organisation
    package let services: [OrganisationTree]

    package init(organisation: Organisation, services: [OrganisationTree]) {
        self.organisation = organisation
        self.services = services
    }

    /// Every top-level entity with its whole tree.
    package static func load(_ repository: OrganisationRepository) async throws -> [OrganisationTree] {
        var trees: [OrganisationTree] = []
        for entity in try await repository.entities() {
            trees.append(try await subtree(of: entity, repository))
        }
        return trees
    }

    package static func subtree(of organisation: Organisation, _ repository: OrganisationRepository) async throws
        -> OrganisationTree
    {
        var services: [OrganisationTree] = []
        if let id = organisation.id {
            for child in try await repository.children(of: id) {
                services.append(try await subtree(of: child, repository))
            }
        }
        return OrganisationTree(organisation: organisation, services: services)
    }
}
