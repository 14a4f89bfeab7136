/// An organisation with its services, recursively.
struct OrganisationTree: Sendable, Equatable {
    let organisation: Organisation
    let services: [OrganisationTree]

    /// Every top-level entity with its whole tree.
    static func load(_ repository: OrganisationRepository) async throws -> [OrganisationTree] {
        var trees: [OrganisationTree] = []
        for entity in try await repository.entities() {
            trees.append(try await subtree(of: entity, repository))
        }
        return trees
    }

    static func subtree(of organisation: Organisation, _ repository: OrganisationRepository) async throws
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
