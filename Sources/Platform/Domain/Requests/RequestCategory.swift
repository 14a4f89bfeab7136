/// A category of teleservices ("catégorie de services"): agents' rights are given per category.
struct RequestCategory: Codable, Sendable, Equatable {
    var id: Int64?
    var name: String

    func validate() throws(DomainError) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(field: "Nom de la catégorie", reason: "saisissez un nom.")
        }
    }
}
