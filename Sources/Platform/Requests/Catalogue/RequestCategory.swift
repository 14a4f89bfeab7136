import PlatformKernel

/// A category of teleservices ("catégorie de services"): agents' rights are given per category.
package struct RequestCategory: Codable, Sendable, Equatable {
    package var id: Int64?
    package var name: String

    package init(id: Int64? = nil, name: String) {
        self.id = id
        self.name = name
    }

    package func validate() throws(DomainError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: "Nom de la catégorie", reason: "saisissez un nom.")
        }
    }
}
