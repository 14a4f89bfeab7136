import PlatformKernel

/// A category of teleservices ("catégorie de services"): agents' rights are given per category.
package struct RequestCategory: Codable, Sendable, Equatable {
    package var id: Int64?
    package var name: String
    /// The public entity the category belongs to (see `Entities/`); `nil` before it is saved, then the
    /// default entity unless given.
    package var entityID: Int64?

    package init(id: Int64? = nil, name: String, entityID: Int64? = nil) {
        self.id = id
        self.name = name
        self.entityID = entityID
    }

    package func validate() throws(DomainError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: "Nom de la catégorie", reason: "saisissez un nom.")
        }
    }
}
