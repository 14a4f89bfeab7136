/// An organisation of a tree as `web/tree.mustache` shows it: its name, type, an optional link, its services.
package struct OrganisationNode: Sendable {
    package let name: String
    package let typeLabel: String
    /// The organisation's page, when `hasLink` (never `nil`: Mustache would read an enclosing node's path).
    package let path: String
    package let hasLink: Bool
    package let services: [OrganisationNode]
    package let hasServices: Bool

    /// `link` gives the page of an organisation, or `nil` for a tree without links.
    package init(_ tree: OrganisationTree, link: ((Organisation) -> String)?) {
        name = tree.organisation.name
        typeLabel = tree.organisation.type.label
        path = link?(tree.organisation) ?? ""
        hasLink = link != nil
        services = tree.services.map { OrganisationNode($0, link: link) }
        hasServices = !services.isEmpty
    }
}
